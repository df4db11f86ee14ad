using Millwright.Firmware.Runtime;
using Millwright.Firmware.Settings;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Runtime;

public sealed class NodeRuntimeProvisioningTests
{
    private const long Second = RuntimeRig.Second;

    [Fact]
    public void A_node_without_settings_or_secret_runs_its_console_keeps_actuators_safe_and_stores_nothing()
    {
        var rig = new RuntimeRig(provisioned: false);
        rig.Start();

        rig.RunFor(20 * Second);

        Assert.Equal(NodeMode.ConsoleOnly, rig.Runtime.Mode);
        Assert.Null(rig.Runtime.Session);
        Assert.Empty(rig.InnerLink.ConnectRequests);
        Assert.Equal([0f], rig.CoolantOutput.Applied);
        Assert.Equal(0, rig.Runtime.FramesRecorded);
        Assert.Equal(20, rig.Runtime.FramesNotRecorded); // sensors are still read, for health and the self-test
        Assert.Equal(0, rig.Runtime.Storage.Outbox.Depth);
        Assert.False(rig.Watchdog.WouldReset);

        rig.Serial.TypeLine("help");
        rig.RunFor(Second);
        Assert.Contains("ok commands:", rig.Serial.Output);
    }

    [Fact]
    public void Provisioning_over_the_console_takes_the_node_online_without_a_reboot()
    {
        var rig = new RuntimeRig(provisioned: false);
        rig.Start();
        rig.RunFor(5 * Second);

        rig.Serial.TypeLine("set device-id " + RuntimeRig.DeviceId);
        rig.Serial.TypeLine("set plant-id " + RuntimeRig.PlantId);
        rig.Serial.TypeLine("set broker-host broker.plant");
        rig.Serial.TypeLine("commit");
        rig.Serial.TypeLine("secret " + Convert.ToHexString(RuntimeRig.Secret).ToLowerInvariant());
        rig.RunFor(Second);

        Assert.Equal(NodeMode.Connected, rig.Runtime.Mode);
        Assert.True(rig.RunUntil(() => rig.Controller.Stored.Count >= 10, 30 * Second), rig.Serial.Output);
        Assert.Equal(0, rig.Platform.Reboots);
        var frames = rig.StoredFrames();
        Assert.Equal(1ul, frames.Keys.First()); // nothing sampled before provisioning was stored
        Assert.Equal(5, rig.Runtime.FramesNotRecorded);
        Assert.Empty(rig.Controller.Rejections);
    }

    [Fact]
    public void Identity_and_secret_without_a_broker_record_to_the_outbox_and_the_backlog_goes_out_once_the_broker_is_set()
    {
        var rig = new RuntimeRig(provisioned: false);
        rig.KeyStore.WriteSecret(RuntimeRig.Secret);
        Assert.Null(new SettingsStore(rig.Store).Commit(new DeviceSettings { DeviceId = RuntimeRig.DeviceId }));
        rig.Start();

        rig.RunFor(30 * Second);

        Assert.Equal(NodeMode.Recording, rig.Runtime.Mode);
        Assert.Equal(30, rig.Runtime.Storage.Outbox.Depth);
        Assert.Empty(rig.InnerLink.ConnectRequests);

        rig.Serial.TypeLine("set plant-id " + RuntimeRig.PlantId);
        rig.Serial.TypeLine("set broker-host broker.plant");
        rig.Serial.TypeLine("commit");
        Assert.True(rig.RunUntil(() => rig.Runtime.Mode == NodeMode.Connected && rig.Runtime.Storage.Outbox.Depth == 0, 60 * Second));

        var frames = rig.StoredFrames();
        Assert.Equal(Enumerable.Range(1, frames.Count).Select(i => (ulong)i), frames.Keys);
        Assert.True(frames.Count >= 30);
        Assert.Empty(rig.Controller.Rejections);
    }

    [Fact]
    public void A_board_the_sampler_refuses_leaves_the_console_and_watchdog_running_and_says_why_in_health()
    {
        var board = RuntimeRig.DefaultBoard();
        board.Channels[1] = new Millwright.Firmware.Board.ChannelDescription(1, "twin", "C", "bme280"); // id 1 twice
        var rig = new RuntimeRig(board: board);
        rig.Start();

        rig.RunFor(10 * Second);

        Assert.Null(rig.Runtime.Sampler);
        Assert.Contains("sampler", rig.Runtime.Health.FailedComponents());
        Assert.Equal("channel 1: id used twice", rig.Runtime.Components.Find("sampler").Health.LastError);
        Assert.Equal(NodeMode.Connected, rig.Runtime.Mode); // still online: status and commands work
        Assert.Contains("sampler", rig.LastStatus().FailedComponents);
        Assert.False(rig.Watchdog.WouldReset);
        Assert.Equal(rig.Runtime.Watchdog.MaxSleepMicros > rig.Options.MaxSleepMicros ? rig.Options.MaxSleepMicros : rig.Runtime.Watchdog.MaxSleepMicros, rig.LongestSleep);
    }
}
