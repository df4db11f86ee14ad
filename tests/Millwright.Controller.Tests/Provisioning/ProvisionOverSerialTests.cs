using System.Security.Cryptography;
using Millwright.Controller.Provisioning;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>
/// Issue 7 end to end: `millwright provision` over System.IO.Ports, through a socat pseudo-terminal pair, against the real
/// firmware on a virtual board process, registering with a real controller over its HTTP API, until the node's first
/// signed frame is stored.
/// </summary>
[Collection("provisioning")]
public sealed class ProvisionOverSerialTests
{
    [Fact]
    public async Task Happy_path_then_a_wrong_secret_changes_nothing()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();

        (int exit, string output) = await bench.ProvisionAsync("press-1");

        Assert.True(exit == 0, output);
        Assert.Contains("first frame stored", output);
        var info = await bench.AskAsync("info");
        Assert.Equal("press-1", info["device-id"]);
        string keyId = info["key-id"];
        Assert.Equal(16, keyId.Length);

        string wrong = Path.Combine(bench.Directory, "wrong.secret");
        await File.WriteAllTextAsync(wrong, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), TestContext.Current.CancellationToken);
        (exit, output) = await bench.ProvisionAsync("press-1", "--keep-secret", "--secret-file", wrong, "--broker", "127.0.0.1:1");

        Assert.Equal(1, exit);
        Assert.Contains("FAILED at step 'prove'", output);
        Assert.DoesNotContain(await File.ReadAllTextAsync(wrong, TestContext.Current.CancellationToken), output, StringComparison.OrdinalIgnoreCase);
        info = await bench.AskAsync("info");
        Assert.Equal(keyId, info["key-id"]);
        Assert.Equal("no", info["staged"]);
        long frames = await bench.FramesStoredAsync("press-1");
        await Eventually.TrueAsync(async () => await bench.FramesStoredAsync("press-1") > frames, "press-1 still delivers on its previous broker settings");
    }

    [Fact]
    public async Task On_the_plant_server_the_registry_is_the_controllers_database_and_the_board_gives_the_baud_rate()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();
        string port;
        (int Exit, string Output) run;
        using (ConsoleBridge bridge = await ConsoleBridge.StartAsync(bench.Socat, bench.Board.ConsolePath, bench.Directory))
        {
            port = bridge.Path;
            run = await bench.RunToolAsync(
                ["--port", port, "--data-dir", bench.Controller.DataDirectory, "--board", "virtual",
                 "--device-id", "press-1", "--plant", RunningController.Plant, "--broker", bench.Broker, "--timeout-s", "60"]);
        }

        (int exit, string output) = run;

        Assert.True(exit == 0, output);
        Assert.Contains("board virtual (", output);
        Assert.Contains($"identify  {port} 115200 8N1", output);
        Assert.Contains("plan      controller database in " + bench.Controller.DataDirectory, output);
        Assert.Contains("first frame stored", output);
        var device = (await bench.Controller.Registry.ShowAsync("press-1", CancellationToken.None)).Overview;
        Assert.Equal((await bench.AskAsync("info"))["key-id"], Convert.ToHexStringLower((await bench.Controller.Store.GetDeviceKeysAsync("press-1", CancellationToken.None))[0].KeyId));
        Assert.True(device.Activity!.FramesStored > 0);
    }

    [Fact]
    public async Task A_node_that_never_reaches_the_broker_is_reported_at_the_broker_step()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();

        (int exit, string output) = await bench.ProvisionAsync("press-1", "--broker", "127.0.0.1:" + FreePort.Get(), "--timeout-s", "10");

        Assert.True(exit == 1 && output.Contains("FAILED at step 'broker'", StringComparison.Ordinal), output);
        Assert.Contains("did not log in to the broker", output);
    }

    [Fact]
    public async Task A_session_cut_at_any_step_leaves_the_previous_configuration_in_force()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();
        (int exit, string output) = await bench.ProvisionAsync("press-1");
        Assert.True(exit == 0, output);
        string keyId = (await bench.AskAsync("info"))["key-id"];

        foreach (string cut in new[] { "info", "set device-id", "set broker-tls", "secret", "prove", "commit" })
        {
            using (ConsoleBridge bridge = await ConsoleBridge.StartAsync(bench.Socat, bench.Board.ConsolePath, bench.Directory))
            await using (var registry = new ApiRegistryAccess(bench.Controller.ApiBase, bench.Controller.Token))
            {
                var line = new CuttingLine(SerialPortLine.Open(bridge.Path, 115200), cut);
                var provisioner = new Provisioner(new ConsoleClient(line, TimeSpan.FromSeconds(15)), registry, new ProgressDisplay(TextWriter.Null), _ => true);
                var request = new ProvisioningRequest { DeviceId = "press-2", PlantId = "plant-b", BrokerHost = "10.9.9.9", BrokerPort = 1884, AssumeYes = true };
                var failure = await Assert.ThrowsAsync<ProvisioningException>(() => provisioner.RunAsync(request, CancellationToken.None));
                Assert.Equal("cable pulled (test)", failure.Message);
            }

            var info = await bench.AskAsync("info");
            Assert.True(info["device-id"] == "press-1" && info["plant-id"] == RunningController.Plant && info["key-id"] == keyId, $"after a cut before '{cut}': {string.Join(' ', info)}");
        }

        long frames = await bench.FramesStoredAsync("press-1");
        await Eventually.TrueAsync(async () => await bench.FramesStoredAsync("press-1") > frames, "press-1 still delivers under its previous settings and key");
    }

    [Fact]
    public async Task A_replacement_node_gets_a_new_key_and_its_sequence_numbers_restart_without_replays()
    {
        await using ProvisioningBench bench = await ProvisioningBench.StartAsync();
        (int exit, string output) = await bench.ProvisionAsync("press-1");
        Assert.True(exit == 0, output);
        string oldKey = (await bench.AskAsync("info"))["key-id"];
        await Eventually.TrueAsync(async () => await bench.FramesStoredAsync("press-1") >= 5, "the first node delivers a few frames");
        bench.KillBoard();
        await bench.StartBoardAsync(); // a new node: fresh flash, no secret

        (int refused, string refusal) = await bench.ProvisionAsync("press-1");
        Assert.Equal(1, refused);
        Assert.Contains("--replace", refusal);

        (exit, output) = await bench.ProvisionAsync("press-1", "--replace");

        Assert.True(exit == 0, output);
        string newKey = (await bench.AskAsync("info"))["key-id"];
        Assert.NotEqual(oldKey, newKey);
        var device = (await bench.Controller.Registry.ShowAsync("press-1", CancellationToken.None)).Overview;
        Assert.Equal(2, device.Device.CurrentEpoch);
        Assert.Equal(2, device.Activity!.LastEpoch);
        Assert.True(device.Activity.LastSequence < 100, $"sequence numbers restarted: last {device.Activity.LastSequence}");
        var replays = await bench.Controller.Store.GetQuarantineAsync(new QuarantineQuery(10) { DeviceId = "press-1", Reason = QuarantineReason.Replay }, CancellationToken.None);
        Assert.Empty(replays.Items);
    }
}
