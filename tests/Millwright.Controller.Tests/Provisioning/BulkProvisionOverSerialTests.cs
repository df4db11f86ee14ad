using System.Globalization;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>
/// Bulk commissioning end to end: `millwright provision --bulk` works through a sheet of nodes on one port while the
/// test swaps the virtual board behind that port between nodes, as a technician or a jig would; and a bad sheet is
/// refused before any node or the registry is touched.
/// </summary>
[Collection("provisioning")]
public sealed class BulkProvisionOverSerialTests
{
    private const string WifiPassword = "correct horse battery";

    [Fact]
    public async Task A_bad_sheet_is_refused_naming_line_and_column_and_nothing_is_written()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();
        ConsoleBridge bridge = await ConsoleBridge.StartAsync(bench.Socat, bench.Board.ConsolePath, bench.Directory);
        string sheet = Path.Combine(bench.Directory, "nodes.csv");
        var refusals = new Dictionary<string, string>
        {
            ["device-id,broker\npress-01,\npress-02,\npress-01,\n"] = "nodes.csv:4: column 1 (device-id): press-01 is already on line 2",
            ["device-id,broker\npress-01,\npress-02,127.0.0.1:70000\n"] = "nodes.csv:3: column 2 (broker): takes HOST or HOST:PORT with a port from 1 to 65535, not '70000'",
            ["device-id,plant-id,broker\npress-01,plant-a\n"] = "nodes.csv:2: 2 cells where the header has 3: column 3 (broker) is missing",
        };

        foreach ((string text, string message) in refusals)
        {
            await File.WriteAllTextAsync(sheet, text, TestContext.Current.CancellationToken);
            (int exit, string output) = await bench.RunToolAsync(["--port", bridge.Path, .. bench.ApiRegistry, "--plant", "plant-a", "--broker", bench.Broker, "--bulk", sheet, "--yes"]);

            Assert.True(exit == 2, output);
            Assert.Contains(message, output);
            Assert.Contains("nothing was written to any node or to the registry", output);
        }

        bridge.Dispose();
        Assert.Empty(await bench.Controller.Store.ListDevicesAsync(CancellationToken.None));
        var info = await bench.AskAsync("info");
        Assert.Equal((string.Empty, string.Empty, "no"), (info["device-id"], info["key-id"], info["staged"]));
    }

    [Fact]
    public async Task Three_nodes_swapped_on_one_port_two_provisioned_and_the_one_that_never_reaches_the_broker_is_in_the_summary()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();
        string port = Path.Combine(bench.Directory, "ttyUSB0");
        string sheet = Path.Combine(bench.Directory, "line-3.csv");
        string password = Path.Combine(bench.Directory, "wifi.txt");
        string unreachable = "127.0.0.1:" + FreePort.Get().ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(sheet, $"device-id,broker,sample-period-ms\n# cabinet B\npress-01,,\npress-02,{unreachable},\npress-03,,1000\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(password, WifiPassword + "\n", TestContext.Current.CancellationToken);
        using var output = new SharedOutput();
        ConsoleBridge bridge = await ConsoleBridge.StartAsync(bench.Socat, bench.Board.ConsolePath, bench.Directory, port);
        try
        {
            Task<(int Exit, string Output)> run = bench.RunToolAsync(
                ["--port", port, .. bench.ApiRegistry, "--plant", RunningController.Plant, "--broker", bench.Broker,
                 "--wifi-ssid", "Plant Floor", "--wifi-password-file", password, "--bulk", sheet, "--yes", "--timeout-s", "20"],
                output);

            foreach (string next in new[] { "[2/3] waiting", "[3/3] waiting" })
            {
                await Eventually.TrueAsync(() => output.Text.Contains(next, StringComparison.Ordinal) || run.IsCompleted, $"the tool reaches '{next}'", TimeSpan.FromSeconds(120));
                Assert.False(run.IsCompleted, output.Text);

                // The technician unplugs the node and plugs in the next one, on the same port.
                bridge.Dispose();
                bench.KillBoard();
                await bench.StartBoardAsync();
                bridge = await ConsoleBridge.StartAsync(bench.Socat, bench.Board.ConsolePath, bench.Directory, port);
            }

            (int exit, string text) = await run;

            Assert.True(exit == 1, text);
            Assert.Contains("summary: 2 provisioned, 1 failed, 0 skipped", text);
            Assert.Matches(@"\n  press-01 +ok +key [0-9a-f]{16}, epoch 1, first frame sequence \d+", text);
            Assert.Matches(@"\n  press-02 +FAILED +broker: no signed frame reached the controller within 20 s: the node did not log in to the broker at " + unreachable, text);
            Assert.Matches(@"\n  press-03 +ok +key [0-9a-f]{16}, epoch 1, first frame sequence \d+", text);
            Assert.DoesNotContain(WifiPassword, text, StringComparison.Ordinal);
            Assert.True(await bench.FramesStoredAsync("press-01") > 0 && await bench.FramesStoredAsync("press-03") > 0);
            bridge.Dispose();
            var last = await bench.AskTextAsync("get wifi-ssid");
            Assert.Equal("wifi-ssid Plant Floor", last.Text);
        }
        finally
        {
            bridge.Dispose();
        }
    }
}
