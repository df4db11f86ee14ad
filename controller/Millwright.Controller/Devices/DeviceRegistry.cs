using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Topics;

namespace Millwright.Controller.Devices;

/// <summary>
/// The device registry's operations (used by the `device` CLI verbs and the API): add, list, show, enable/disable,
/// rotate key, replace. Every change is one store transaction; afterwards this process's keyring reloads at once
/// (another process's keyring notices the registry version within its poll interval). Secrets it issues are
/// returned once and never logged.
/// </summary>
public sealed class DeviceRegistry(IControllerStore store, TimeProvider time, IDeviceKeyring? keyring = null)
{
    /// <summary>Adds an enabled device with a generated secret, or <paramref name="importedSecret"/> when given.</summary>
    public async Task<IssuedSecret> AddAsync(string deviceId, byte[]? importedSecret, CancellationToken cancellationToken)
    {
        ValidateId(deviceId);
        byte[] secret = importedSecret ?? DeviceSecret.Generate();
        byte[] keyId = KeyDerivation.DeriveKeyId(secret);
        if (!await store.AddDeviceAsync(deviceId, new NewDeviceKey(keyId, secret), time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            throw new DeviceRegistryException($"device '{deviceId}' already exists (use rotate-key or replace to give it a new secret)");
        }

        await Changed(cancellationToken).ConfigureAwait(false);
        return new IssuedSecret(deviceId, 1, 1, keyId, secret, null);
    }

    public Task<IReadOnlyList<DeviceOverview>> ListAsync(CancellationToken cancellationToken) => store.ListDeviceOverviewsAsync(cancellationToken);

    public async Task<DeviceDetails> ShowAsync(string deviceId, CancellationToken cancellationToken)
    {
        DeviceOverview overview = await store.GetDeviceOverviewAsync(deviceId, cancellationToken).ConfigureAwait(false) ?? throw Unknown(deviceId);
        DeviceGaps gaps = await store.GetGapsAsync(deviceId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DeviceKeyRecord> keys = await store.GetDeviceKeysAsync(deviceId, cancellationToken).ConfigureAwait(false);
        return new DeviceDetails(overview, gaps, keys.Select(DeviceKeyInfo.From).ToList());
    }

    /// <summary>Disabled: its frames are quarantined as Disabled and its MQTT login is refused. Idempotent.</summary>
    public async Task SetEnabledAsync(string deviceId, bool enabled, CancellationToken cancellationToken)
    {
        if (!await store.SetDeviceEnabledAsync(deviceId, enabled, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            throw Unknown(deviceId);
        }

        await Changed(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// New secret in the same epoch (the device keeps counting). The old key verifies frames with sequence below the
    /// cut-over (<see cref="KeyRotationPolicy"/>) and its MQTT password stays valid until the cut-over is passed.
    /// </summary>
    public async Task<IssuedSecret> RotateKeyAsync(string deviceId, long margin, CancellationToken cancellationToken)
    {
        DeviceOverview overview = await store.GetDeviceOverviewAsync(deviceId, cancellationToken).ConfigureAwait(false) ?? throw Unknown(deviceId);
        long highest = overview.Watermarks.Where(w => w.Epoch == overview.Device.CurrentEpoch).Select(w => w.HighestSequence).DefaultIfEmpty(0).Max();
        long cutOver = KeyRotationPolicy.CutOver(highest, overview.Health?.OutboxDepth ?? 0, margin);
        byte[] secret = DeviceSecret.Generate();
        byte[] keyId = KeyDerivation.DeriveKeyId(secret);
        DeviceKeyRecord key = await store.RotateKeyAsync(deviceId, new NewDeviceKey(keyId, secret), cutOver, time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false) ?? throw Unknown(deviceId);
        await Changed(cancellationToken).ConfigureAwait(false);
        return new IssuedSecret(deviceId, key.Generation, key.Epoch, keyId, secret, cutOver);
    }

    /// <summary>
    /// A new node under the same device id: a new secret (generated, or imported) and a new epoch, so its sequence
    /// numbers restart at 1 without being taken as replays. Every older key is retired at once; the device's history
    /// continues under its id.
    /// </summary>
    public async Task<IssuedSecret> ReplaceAsync(string deviceId, byte[]? importedSecret, CancellationToken cancellationToken)
    {
        byte[] secret = importedSecret ?? DeviceSecret.Generate();
        byte[] keyId = KeyDerivation.DeriveKeyId(secret);
        DeviceKeyRecord key;
        try
        {
            key = await store.ReplaceDeviceAsync(deviceId, new NewDeviceKey(keyId, secret), time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false) ?? throw Unknown(deviceId);
        }
        catch (DuplicateKeyException)
        {
            throw new DeviceRegistryException($"device '{deviceId}' already had this secret: a replacement needs a new one");
        }

        await Changed(cancellationToken).ConfigureAwait(false);
        return new IssuedSecret(deviceId, key.Generation, key.Epoch, keyId, secret, null);
    }

    private static void ValidateId(string deviceId)
    {
        if (!Identifiers.IsValid(deviceId))
        {
            throw new DeviceRegistryException(
                $"device id '{deviceId}' must be 1-{Identifiers.MaxLength} characters of a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
    }

    private static DeviceRegistryException Unknown(string deviceId) => new($"no device '{deviceId}' (see `millwright device list`)");

    private Task Changed(CancellationToken cancellationToken) => keyring?.RefreshAsync(force: true, cancellationToken) ?? Task.CompletedTask;
}
