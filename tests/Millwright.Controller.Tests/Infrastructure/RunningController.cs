using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Controller.Devices;
using Millwright.Controller.Hosting;
using Millwright.Controller.Storage;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>
/// A real controller in this process: the real host (ControllerHost.Build, as `serve` runs it) with a real SQLite
/// file in a temporary data directory, the embedded MQTTnet broker on a free loopback port and Kestrel on another.
/// </summary>
internal sealed partial class RunningController : IAsyncDisposable
{
    internal const string Plant = "plant-a";

    private readonly StringWriter _console = new();
    private readonly TextWriter _syncConsole;
    private string[] _arguments = [];

    private RunningController(string dataDirectory, int mqttPort, int apiPort)
    {
        DataDirectory = dataDirectory;
        MqttPort = mqttPort;
        ApiPort = apiPort;
        _syncConsole = TextWriter.Synchronized(_console);
    }

    internal string DataDirectory { get; }

    internal int MqttPort { get; }

    internal int ApiPort { get; }

    internal Uri ApiBase => new($"http://127.0.0.1:{ApiPort}");

    internal WebApplication App { get; private set; } = null!;

    internal IServiceProvider Services => App.Services;

    internal IControllerStore Store => Services.GetRequiredService<IControllerStore>();

    internal DeviceRegistry Registry => Services.GetRequiredService<DeviceRegistry>();

    internal string ConsoleText => _console.ToString();

    /// <summary>The API token the controller printed at first start.</summary>
    internal string Token => TokenPattern().Match(ConsoleText) is { Success: true } match ? match.Value : throw new InvalidOperationException("no token printed");

    internal static async Task<RunningController> StartAsync(params string[] extraArguments)
    {
        string dataDirectory = Path.Combine(Path.GetTempPath(), "mw-test-" + Guid.NewGuid().ToString("N"));
        var controller = new RunningController(dataDirectory, FreePort.Get(), FreePort.Get());
        string[] arguments =
        [
            "--data-dir", dataDirectory,
            "--plant", Plant,
            "--urls", $"http://127.0.0.1:{controller.ApiPort}",
            "--mqtt-bind", "127.0.0.1",
            "--mqtt-port", controller.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default=Warning",
            // Anchoring starts a local Anvil chain; the tests that cover it turn it back on.
            "--Millwright:Anchoring:Enabled=false",
            .. extraArguments,
        ];
        controller._arguments = arguments;
        controller.App = ControllerHost.Build(arguments, controller._syncConsole);
        await controller.App.StartAsync(TestContext.Current.CancellationToken);
        return controller;
    }

    /// <summary>Stops the controller cleanly and starts it again on the same data directory and ports.</summary>
    internal async Task RestartAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        App = ControllerHost.Build(_arguments, _syncConsole);
        await App.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Registers a device with the given test device's secret (as `device add --import` would).</summary>
    internal async Task AddAsync(TestDevice device) =>
        await Registry.AddAsync(device.DeviceId, device.Secret, CancellationToken.None);

    internal HttpClient Http(string? token = null)
    {
        var client = new HttpClient { BaseAddress = ApiBase, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    internal Task StopAsync() => App.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync(CancellationToken.None);
        }
        finally
        {
            await App.DisposeAsync();
            _console.Dispose();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [GeneratedRegex("mwt_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenPattern();
}
