using System.Globalization;
using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Sqlite;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>
/// `millwright serve` as a child process on one data directory and fixed ports, so it can be SIGKILLed and started
/// again where it left off. Devices are registered in the database before the first start (as `device add
/// --import-secret-file` would do).
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    internal const string Plant = "plant-a";

    private readonly string[] _arguments;
    private ControllerProcess? _current;

    internal ServeProcess(params string[] extraArguments)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "mw-crash-" + Guid.NewGuid().ToString("N"));
        MqttPort = FreePort.Get();
        ApiPort = FreePort.Get();
        _arguments =
        [
            "--data-dir", DataDirectory,
            "--plant", Plant,
            "--urls", $"http://127.0.0.1:{ApiPort}",
            "--mqtt-bind", "127.0.0.1",
            "--mqtt-port", MqttPort.ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default=Warning",
            // Anchoring starts a local Anvil chain; the tests that cover it turn it back on.
            "--Millwright:Anchoring:Enabled=false",
            .. extraArguments,
        ];
    }

    internal string DataDirectory { get; }

    internal int MqttPort { get; }

    internal int ApiPort { get; }

    internal int Starts { get; private set; }

    internal ControllerProcess Current => _current ?? throw new InvalidOperationException("not started");

    /// <summary>Registers devices straight in the store (before the controller runs).</summary>
    internal async Task RegisterAsync(IEnumerable<(string DeviceId, byte[] Secret)> devices)
    {
        await using var store = new SqliteControllerStore(new SqliteStoreOptions(DataDirectory), TimeProvider.System);
        await store.MigrateAsync(CancellationToken.None);
        var registry = new DeviceRegistry(store, TimeProvider.System);
        foreach ((string deviceId, byte[] secret) in devices)
        {
            await registry.AddAsync(deviceId, secret, CancellationToken.None);
        }
    }

    /// <summary>Starts the controller and waits until it says it is running (MQTT listening, store migrated).</summary>
    internal async Task StartAsync()
    {
        _current?.Dispose();
        _current = ControllerProcess.Start(_arguments);
        Starts++;
        ControllerProcess process = _current;
        await Eventually.TrueAsync(
            () => process.Output.Contains("running (Ctrl+C stops it)", StringComparison.Ordinal) || process.HasExited,
            $"controller start #{Starts}", TimeSpan.FromSeconds(60));
        Assert.False(process.HasExited, $"the controller exited at start #{Starts}: {process.Error}");
    }

    /// <summary>SIGKILL (no shutdown code runs) and wait until the process is gone.</summary>
    internal async Task KillAsync()
    {
        Current.Kill();
        await Current.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        _current?.Dispose();
        SqliteConnectionFactory.ClearPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
