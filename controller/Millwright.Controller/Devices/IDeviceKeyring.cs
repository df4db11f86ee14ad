namespace Millwright.Controller.Devices;

/// <summary>
/// The registry as the hot paths see it: key lookup for frame verification and MQTT credential checks, answered from
/// memory. Changes made in this process take effect at once; changes made by another process (the `device` CLI
/// verbs) are picked up by <see cref="RefreshAsync"/> (poll it periodically, e.g. every 2 s).
/// </summary>
public interface IDeviceKeyring
{
    /// <summary>The key for (device id from the topic, kid from the COSE header).</summary>
    KeyLookup Find(string deviceId, ReadOnlySpan<byte> keyId);

    /// <summary>Like <see cref="Find"/>, but on a miss reloads from the store first if the registry changed (at most
    /// once per second, so a flood of unknown kids costs no query per message).</summary>
    ValueTask<KeyLookup> FindAsync(string deviceId, ReadOnlyMemory<byte> keyId, CancellationToken cancellationToken);

    /// <summary>True when the device exists and is enabled.</summary>
    bool IsEnabled(string deviceId);

    /// <summary>
    /// MQTT login check (username = device id): the device must exist and be enabled, and the password must equal,
    /// compared in constant time, the MQTT password derived from an active key generation of its current epoch — the
    /// current key, or the previous one while a rotation's cut-over has not been passed.
    /// </summary>
    bool ValidateMqttCredentials(string deviceId, string password);

    /// <summary>Reloads when the store's registry version changed (or always when <paramref name="force"/>).</summary>
    Task RefreshAsync(bool force, CancellationToken cancellationToken);
}
