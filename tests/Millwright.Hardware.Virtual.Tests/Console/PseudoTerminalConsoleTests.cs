using System.IO.Ports;
using Millwright.Hardware.Virtual.Tests.Infrastructure;

namespace Millwright.Hardware.Virtual.Tests.Console;

/// <summary>
/// The board's service console on a pseudo-terminal, opened the way a provisioning tool opens a USB-UART adapter:
/// System.IO.Ports.SerialPort on the slave path (through a symbolic link, as socat's link= gives).
/// </summary>
public sealed class PseudoTerminalConsoleTests
{
    [Fact]
    public async Task A_serial_port_on_the_pty_runs_info_and_the_reply_names_the_device()
    {
        var device = TestDevice.Create("press-41");
        using var directory = new TemporaryDirectory();
        string link = directory.Sub("console.tty");
        var options = device.BoardOptions(directory.Sub("board"), FreePort.Get(), timeScale: 1);
        using var board = new RunningBoard(new Millwright.Hardware.Virtual.Board.VirtualBoardOptions
        {
            DataDirectory = options.DataDirectory,
            BoardFile = options.BoardFile,
            DeviceId = options.DeviceId,
            PlantId = options.PlantId,
            BrokerHost = options.BrokerHost,
            BrokerPort = options.BrokerPort,
            Secret = options.Secret,
            SyncWrites = false,
            Console = true,
            ConsoleLinkPath = link,
        });
        Assert.Equal(board.Board.ConsolePath, File.ReadAllText(options.ConsolePathFile).Trim());

        using var port = OpenTool(link);
        Assert.StartsWith($"ok device-id={device.DeviceId} plant-id={TestDevice.PlantId} firmware=", await AskAsync(port, "info"), StringComparison.Ordinal);
        string status = await AskAsync(port, "status");
        Assert.StartsWith("ok network=up", status, StringComparison.Ordinal);
        Assert.Contains("settings=ok", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_board_provisioned_over_its_console_goes_online_and_its_frames_verify()
    {
        await using EmbeddedTestBroker broker = await EmbeddedTestBroker.StartAsync();
        var device = TestDevice.Create("press-42");
        broker.AddDevice(device.DeviceId, device.Secret);
        await using TestController controller = await TestController.ConnectAsync("127.0.0.1", broker.Port, TestDevice.PlantId, EmbeddedTestBroker.ControllerUser, broker.ControllerPassword);
        DeviceLedger ledger = controller.Add(device.DeviceId, device.Secret);
        using var directory = new TemporaryDirectory();
        string link = directory.Sub("console.tty");
        using var board = new RunningBoard(new Millwright.Hardware.Virtual.Board.VirtualBoardOptions
        {
            DataDirectory = directory.Sub("board"),
            BoardFile = TestPaths.VirtualBoardFile,
            TimeScale = 5,
            SyncWrites = false,
            ConsoleLinkPath = link,
            StatusIntervalSeconds = 1,
        });

        using var port = OpenTool(link);
        Assert.StartsWith("ok device-id=none", await AskAsync(port, "info"), StringComparison.Ordinal);
        foreach (string line in new[] { $"set device-id {device.DeviceId}", $"set plant-id {TestDevice.PlantId}", "set broker-host 127.0.0.1", $"set broker-port {broker.Port}" })
        {
            Assert.StartsWith("ok ", await AskAsync(port, line), StringComparison.Ordinal);
        }

        Assert.Equal("ok committed", await AskAsync(port, "commit"));
        Assert.StartsWith("ok secret installed key-id=", await AskAsync(port, "secret " + Convert.ToHexStringLower(device.Secret)), StringComparison.Ordinal);

        await Eventually.HoldsAsync(() => ledger.FrameCount >= 20 && ledger.HighestContiguous >= 10, TimeSpan.FromSeconds(60), () => $"{ledger.FrameCount} frames after provisioning");
        Assert.Empty(ledger.Rejections);
        Assert.Contains("outbox-depth=", await AskAsync(port, "status"), StringComparison.Ordinal);
    }

    private static SerialPort OpenTool(string path)
    {
        var port = new SerialPort(path, 115200) { NewLine = "\r\n", ReadTimeout = 10_000, WriteTimeout = 5_000 };
        port.Open();
        return port;
    }

    /// <summary>Sends one command line and returns the final line of its answer (skipping "- ..." detail lines).</summary>
    private static Task<string> AskAsync(SerialPort port, string command) => Task.Run(() =>
    {
        port.Write(command + "\r\n");
        while (true)
        {
            string line = port.ReadLine();
            if (!line.StartsWith("- ", StringComparison.Ordinal))
            {
                return line;
            }
        }
    });
}
