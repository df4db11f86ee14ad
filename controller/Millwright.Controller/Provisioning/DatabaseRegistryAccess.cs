using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Storage.Sqlite;

namespace Millwright.Controller.Provisioning;

/// <summary>
/// The registry directly on the controller's database, for a tool run on the plant server (as the `device` verbs do):
/// safe while the controller runs, which picks the change up within seconds. It cannot see broker logins.
/// </summary>
public sealed class DatabaseRegistryAccess : IRegistryAccess
{
    private readonly SqliteControllerStore _store;
    private readonly DeviceRegistry _registry;
    private readonly string _dataDirectory;

    private DatabaseRegistryAccess(SqliteControllerStore store, string dataDirectory)
    {
        _store = store;
        _dataDirectory = dataDirectory;
        _registry = new DeviceRegistry(store, TimeProvider.System);
    }

    public string Description => "controller database in " + _dataDirectory;

    public static async Task<DatabaseRegistryAccess> OpenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(dataDirectory, SqliteStoreOptions.DatabaseFileName)))
        {
            throw new ProvisioningException(ProvisioningStep.Registry, $"no controller database in {dataDirectory}",
                "pass the controller's --data-dir, or use --controller URL with --token-file from a laptop");
        }

        var options = new SqliteStoreOptions(dataDirectory) { ReadingSettleCycle = TimeSpan.Zero };
        return new DatabaseRegistryAccess(await SqliteControllerStore.OpenAsync(options, cancellationToken).ConfigureAwait(false), dataDirectory);
    }

    public async Task<RegistryDevice?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (await _store.GetDeviceAsync(deviceId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        DeviceDetails details = await Call(() => _registry.ShowAsync(deviceId, cancellationToken)).ConfigureAwait(false);
        DeviceRecord device = details.Overview.Device;
        string current = details.Keys.FirstOrDefault(k => k.Generation == device.CurrentGeneration)?.KeyIdHex ?? string.Empty;
        return new RegistryDevice(
            deviceId,
            device.Enabled,
            device.CurrentEpoch,
            current,
            [.. details.Keys.Where(k => k.State == KeyState.Active).Select(k => k.KeyIdHex)],
            details.Overview.Activity?.FramesStored ?? 0,
            details.Overview.Activity?.LastSequence ?? 0);
    }

    public async Task<IssuedKey> AddAsync(string deviceId, byte[] secret, CancellationToken cancellationToken) =>
        From(await Call(() => _registry.AddAsync(deviceId, secret, cancellationToken)).ConfigureAwait(false));

    public async Task<IssuedKey> ReplaceAsync(string deviceId, byte[] secret, CancellationToken cancellationToken) =>
        From(await Call(() => _registry.ReplaceAsync(deviceId, secret, cancellationToken)).ConfigureAwait(false));

    public async Task<IssuedKey> RotateAsync(string deviceId, CancellationToken cancellationToken) =>
        From(await Call(() => _registry.RotateKeyAsync(deviceId, KeyRotationPolicy.DefaultMargin, cancellationToken)).ConfigureAwait(false));

    public Task<bool?> IsConnectedAsync(string deviceId, CancellationToken cancellationToken) => Task.FromResult<bool?>(null);

    public async Task<IReadOnlyList<QuarantineNote>> RecentQuarantineAsync(string deviceId, CancellationToken cancellationToken)
    {
        QuarantinePage page = await _store.GetQuarantineAsync(new QuarantineQuery(20) { DeviceId = deviceId }, cancellationToken).ConfigureAwait(false);
        return [.. page.Items.Select(i => new QuarantineNote(i.Id, Ingest.QuarantineReasons.Name(i.Reason)))];
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    // A copy: the registry hands back the very array it was given, which the caller wipes once it is registered.
    private static IssuedKey From(IssuedSecret issued) =>
        new(issued.Generation, issued.Epoch, Convert.ToHexStringLower(issued.KeyId), (byte[])issued.Secret.Clone());

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DeviceRegistryException e)
        {
            throw new ProvisioningException(ProvisioningStep.Registry, "the registry refused: " + e.Message,
                "`millwright device show <id>` shows the device's keys");
        }
    }
}
