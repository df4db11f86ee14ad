using System.Globalization;
using Millwright.Controller.Cli;
using Millwright.Controller.Provisioning;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>A real controller (embedded broker, SQLite, HTTP API), a virtual board process, and socat for each console session.</summary>
internal sealed class ProvisioningBench : IAsyncDisposable
{
    private readonly List<VirtualBoardRun> _boards = [];

    private ProvisioningBench(RunningController controller, string socat, string directory)
    {
        Controller = controller;
        Socat = socat;
        Directory = directory;
    }

    public RunningController Controller { get; }

    public string Socat { get; }

    public string Directory { get; }

    public string TokenFile => Path.Combine(Directory, "token");

    public VirtualBoardRun Board => _boards[^1];

    public static async Task<ProvisioningBench> StartAsync()
    {
        string socat = await DebianPackage.RequireAsync("socat", "socat");
        string directory = Path.Combine(Path.GetTempPath(), "mw-prov-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(directory);
        RunningController controller = await RunningController.StartAsync();
        var bench = new ProvisioningBench(controller, socat, directory);
        await File.WriteAllTextAsync(bench.TokenFile, controller.Token);
        await bench.StartBoardAsync();
        return bench;
    }

    public async Task StartBoardAsync() =>
        _boards.Add(await VirtualBoardRun.StartAsync(Path.Combine(Directory, "board-" + _boards.Count.ToString(CultureInfo.InvariantCulture))));

    public void KillBoard() => Board.Dispose();

    /// <summary>The registry over the controller's HTTP API, as from a technician's laptop.</summary>
    public string[] ApiRegistry => ["--controller", Controller.ApiBase.ToString(), "--token-file", TokenFile];

    public string Broker => "127.0.0.1:" + Controller.MqttPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>`millwright provision` in this process against the board's console over a socat pty; returns its exit code and output.</summary>
    public async Task<(int Exit, string Output)> ProvisionAsync(string deviceId, params string[] extra)
    {
        using ConsoleBridge bridge = await ConsoleBridge.StartAsync(Socat, Board.ConsolePath, Directory);
        return await RunToolAsync(
            ["--port", bridge.Path, .. ApiRegistry, "--device-id", deviceId, "--plant", RunningController.Plant, "--broker", Broker, "--yes", "--timeout-s", "60", .. extra]);
    }

    /// <summary>
    /// `millwright provision` with these arguments, in this process, writing to <paramref name="output"/> (a test may
    /// watch it while the tool runs). The output and the controller's log are checked for every secret the registry holds.
    /// </summary>
    public async Task<(int Exit, string Output)> RunToolAsync(string[] args, SharedOutput? output = null, string input = "")
    {
        using var own = new SharedOutput();
        output ??= own;
        var error = new StringWriter();
        int exit = await Task.Run(() => ProvisionCommand.Run(args, output.Writer, error, new StringReader(input)));
        string text = output.Text + error;
        TestContext.Current.TestOutputHelper?.WriteLine($"$ millwright provision {string.Join(' ', args)}\n{text}");
        if (exit != 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(Board.Describe());
        }

        await AssertNoSecretsInAsync(text);
        return (exit, text);
    }

    /// <summary>A console session of its own: runs <paramref name="command"/> and returns the answer's key=value pairs.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AskAsync(string command) => (await AskTextAsync(command)).Pairs();

    public async Task<ConsoleReply> AskTextAsync(string command)
    {
        using ConsoleBridge bridge = await ConsoleBridge.StartAsync(Socat, Board.ConsolePath, Directory);
        using SerialPortLine line = SerialPortLine.Open(bridge.Path, 115200);
        var console = new ConsoleClient(line, TimeSpan.FromSeconds(15));
        await console.HelloAsync();
        ConsoleReply reply = await console.SendAsync(command);
        Assert.True(reply.Ok, reply.Text);
        return reply;
    }

    /// <summary>No secret the registry ever held, for any device, shows in <paramref name="text"/> or in the controller's log (hex or base64).</summary>
    public async Task AssertNoSecretsInAsync(string text)
    {
        foreach (var device in await Controller.Store.ListDevicesAsync(CancellationToken.None))
        {
            foreach (var key in await Controller.Store.GetDeviceKeysAsync(device.DeviceId, CancellationToken.None))
            {
                SecretScan.AssertAbsent(text, key.Secret, $"{device.DeviceId}'s secret (generation {key.Generation})");
                SecretScan.AssertAbsent(Controller.ConsoleText, key.Secret, $"{device.DeviceId}'s secret, in the controller's log");
            }
        }
    }

    public async Task<long> FramesStoredAsync(string deviceId) =>
        (await Controller.Registry.ShowAsync(deviceId, CancellationToken.None)).Overview.Activity?.FramesStored ?? 0;

    public async ValueTask DisposeAsync()
    {
        foreach (VirtualBoardRun board in _boards)
        {
            board.Dispose();
        }

        await Controller.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
