using Millwright.Firmware.Runtime;

namespace Millwright.Firmware.Tests.Runtime;

public sealed class NodeRuntimeLoopTests
{
    private const long Second = RuntimeRig.Second;

    [Fact]
    public void A_step_says_to_sleep_until_the_next_tick_but_never_longer_than_the_max_sleep()
    {
        var options = new NodeRuntimeOptions { MaxSleepMicros = 250_000 };
        var rig = new RuntimeRig(options: options);
        rig.Start();
        rig.RunFor(Second); // connected, first tick taken

        rig.Clock.AdvanceTo(1_900_000);
        Assert.Equal(100_000, rig.Runtime.Step()); // the tick at 2 s is nearer than the max sleep
        rig.Clock.AdvanceTo(2_000_000);
        Assert.Equal(250_000, rig.Runtime.Step()); // tick taken; the next is 1 s away
        Assert.Equal(3, rig.Runtime.FramesRecorded);
    }

    [Fact]
    public void A_step_before_start_and_missing_hardware_are_refused_with_the_part_named()
    {
        var rig = new RuntimeRig();
        Assert.Throws<InvalidOperationException>(() => rig.Runtime.Step());

        NodeHardware hardware = rig.Hardware();
        hardware.KeyStore = null!;
        var error = Assert.Throws<ArgumentException>(() => new NodeRuntime(hardware, new NodeRuntimeOptions()));
        Assert.Equal("node hardware has no key store", error.Message);

        rig.Start();
        Assert.Throws<InvalidOperationException>(() => rig.Runtime.Start());
    }

    [Fact]
    public void Options_out_of_range_are_refused_before_anything_is_touched()
    {
        var rig = new RuntimeRig();
        var error = Assert.Throws<ArgumentException>(() => new NodeRuntime(rig.Hardware(), new NodeRuntimeOptions { WatchdogTimeoutMilliseconds = 10 }));

        Assert.Equal("watchdog timeout must be at least 1000 ms", error.Message);
        Assert.False(rig.Watchdog.Started);
    }

    [Fact]
    public void A_new_sampling_period_from_the_console_takes_effect_without_a_reboot()
    {
        var rig = new RuntimeRig();
        rig.Start();
        rig.RunFor(10 * Second);
        Assert.Equal(10, rig.Runtime.FramesRecorded);

        rig.Serial.TypeLine("set sample-period-ms 5000");
        rig.Serial.TypeLine("commit");
        rig.RunFor(60 * Second);

        Assert.InRange(rig.Runtime.FramesRecorded, 10 + 12, 10 + 13); // one tick on commit, then every 5 s
        Assert.Equal(NodeMode.Connected, rig.Runtime.Mode);
        Assert.True(rig.RunUntil(() => rig.Runtime.Storage.Outbox.Depth == 0, 10 * Second));
        var times = rig.StoredFrames().Values.Select(f => f.TimeMicros).ToArray();
        Assert.Equal(5 * Second, times[^1] - times[^2]);
        Assert.Equal(0, rig.Runtime.Faults.Count);
    }
}
