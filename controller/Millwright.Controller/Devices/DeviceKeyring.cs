using System.Collections.Frozen;
using System.Text;
using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Crypto;

namespace Millwright.Controller.Devices;

/// <summary>
/// In-memory cache of every device's derived keys, loaded from the store and swapped as a whole (readers never lock).
/// Derived keys are reused across reloads, so a reload derives only what is new.
/// </summary>
public sealed class DeviceKeyring(IControllerStore store, TimeProvider time) : IDeviceKeyring, IDisposable
{
    private static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile FrozenDictionary<string, KeyringEntry> _entries = FrozenDictionary<string, KeyringEntry>.Empty;
    private long _loadedVersion = -1;
    private long _lastMissRefreshTicks = long.MinValue;

    public DeviceKeyring(IControllerStore store)
        : this(store, TimeProvider.System)
    {
    }

    public KeyLookup Find(string deviceId, ReadOnlySpan<byte> keyId)
    {
        if (!_entries.TryGetValue(deviceId, out KeyringEntry? entry))
        {
            return KeyLookup.Of(KeyLookupStatus.UnknownDevice);
        }

        return entry.Find(keyId);
    }

    public async ValueTask<KeyLookup> FindAsync(string deviceId, ReadOnlyMemory<byte> keyId, CancellationToken cancellationToken)
    {
        KeyLookup found = Find(deviceId, keyId.Span);
        if (found.Status is not (KeyLookupStatus.UnknownDevice or KeyLookupStatus.UnknownKey))
        {
            return found;
        }

        long now = time.GetTimestamp();
        long last = Interlocked.Read(ref _lastMissRefreshTicks);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < MissRefreshInterval)
        {
            return found;
        }

        if (Interlocked.CompareExchange(ref _lastMissRefreshTicks, now, last) != last)
        {
            return found;
        }

        await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
        return Find(deviceId, keyId.Span);
    }

    public bool IsEnabled(string deviceId) => _entries.TryGetValue(deviceId, out KeyringEntry? entry) && entry.Enabled;

    public bool ValidateMqttCredentials(string deviceId, string password)
    {
        if (password is null || !_entries.TryGetValue(deviceId, out KeyringEntry? entry) || !entry.Enabled)
        {
            return false;
        }

        byte[] offered = Encoding.UTF8.GetBytes(password);
        bool accepted = false;
        foreach (byte[] expected in entry.MqttPasswords)
        {
            // Lengths are public (always 32 hex characters); the content comparison is constant time.
            accepted |= offered.Length == expected.Length && ConstantTime.AreEqual(offered, 0, expected, 0, expected.Length);
        }

        return accepted;
    }

    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long version = await store.GetRegistryVersionAsync(cancellationToken).ConfigureAwait(false);
            if (!force && version == _loadedVersion)
            {
                return;
            }

            IReadOnlyList<DeviceRecord> devices = await store.ListDevicesAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<DeviceKeyRecord> keys = await store.ListKeysAsync(cancellationToken).ConfigureAwait(false);
            _entries = KeyringLoader.Build(devices, keys, _entries);
            _loadedVersion = version;
        }
        finally
        {
            _reload.Release();
        }
    }

    public void Dispose() => _reload.Dispose();

    /// <summary>Polls the registry version until cancelled; call from a hosted service.</summary>
    public async Task RunRefreshLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
        }
    }
}
