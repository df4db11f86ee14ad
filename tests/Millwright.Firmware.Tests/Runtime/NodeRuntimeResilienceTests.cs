using Millwright.Firmware.Runtime;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Runtime;

public sealed class NodeRuntimeResilienceTests
{
    private const long Second = RuntimeRig.Second;

    [Fact]
    public void A_failing_sensor_is_reported_in_health_and_leaves_the_frames_while_the_other_channels_keep_coming()
    {
        var rig = new RuntimeRig();
        rig.Start();
        rig.RunFor(30 * Second);

        rig.Sensors.Channels[10].Fail = true;
        rig.RunFor(90 * Second); // covers a periodic status at 60 s
        StatusMessage during = rig.LastStatus();
        rig.Sensors.Channels[10].Fail = false;
        rig.RunFor(100 * Second); // probes back off up to 64 s, then a status at 180 s

        Assert.Equal(["max31855"], during.FailedComponents);
        Assert.Empty(rig.LastStatus().FailedComponents);
        var frames = rig.StoredFrames().Values.ToList();
        Assert.All(frames, f => Assert.Equal([1, 2], f.ChannelIds.Take(2)));
        int[] withSpindle = frames.Select((f, i) => f.SampleCount == 3 ? i : -1).Where(i => i >= 0).ToArray();
        int firstGap = frames.FindIndex(f => f.SampleCount == 2);
        int lastGap = frames.FindLastIndex(f => f.SampleCount == 2);
        Assert.Equal(30, firstGap); // the tick at 30 s already missed it
        Assert.InRange(lastGap, 120, 190);
        Assert.All(frames.Skip(firstGap).Take(lastGap - firstGap + 1), f => Assert.Equal(2, f.SampleCount));
        Assert.Equal(frames.Count - (lastGap - firstGap + 1), withSpindle.Length);
        Assert.Equal(1, rig.Runtime.Components.Find("max31855").Health.FailureCount);
        Assert.Equal(0, rig.Runtime.Faults.Count);
    }

    [Fact]
    public void A_stage_that_throws_on_every_step_leaves_the_others_running_until_the_watchdog_stops_being_fed()
    {
        var options = new NodeRuntimeOptions { MaxFaultyIterations = 20, WatchdogTimeoutMilliseconds = 3000 };
        var rig = new RuntimeRig(options: options);
        rig.Start();
        rig.RunFor(5 * Second);
        long recorded = rig.Runtime.FramesRecorded;
        int feeds = rig.Watchdog.Feeds;

        rig.Serial.Throw = true;
        rig.RunFor(10 * Second);

        Assert.Equal("console: UART framing error", rig.Runtime.Faults.LastFault);
        Assert.True(rig.Runtime.Faults.ConsecutiveFaultyIterations > 20);
        Assert.Equal(10, rig.Runtime.FramesRecorded - recorded); // sampling carried on meanwhile
        Assert.Equal(19, rig.Watchdog.Feeds - feeds); // fed for the first 19 faulty passes, then never again
        Assert.True(rig.Watchdog.WouldReset);
    }

    [Fact]
    public void After_a_power_cut_every_whole_frame_is_delivered_once_numbers_go_on_rising_and_a_gap_record_states_the_skipped_ones()
    {
        var first = new RuntimeRig();
        first.Controller.Acking = false; // no acks: everything stays in the outbox
        first.Start();
        first.RunFor(30 * Second + 500_000);
        ulong lastWritten = first.Runtime.Storage.Outbox.LastSequence;
        first.Store.CutAfterBytes(40); // the power goes in the middle of the next frame's write
        first.RunFor(Second);
        Assert.True(first.Store.IsOff);
        Assert.Equal(31, first.Runtime.FramesRecorded);
        Assert.Equal(31ul, lastWritten);

        var second = new RuntimeRig(store: first.Store.Reboot());
        second.Start();
        Assert.True(second.RunUntil(() => second.Runtime.FramesRecorded >= 60 && second.Runtime.Storage.Outbox.Depth == 0, 120 * Second));

        var frames = second.StoredFrames();
        Assert.Empty(second.Controller.Rejections);
        Assert.All(second.Controller.StoreCounts.Values, c => Assert.Equal(1, c));
        ulong[] firstBoot = frames.Values.Where(f => f.BootCounter == 1).Select(f => f.Sequence).ToArray();
        ulong[] secondBoot = frames.Values.Where(f => f.BootCounter == 2).Select(f => f.Sequence).ToArray();
        Assert.Equal(Enumerable.Range(1, 31).Select(i => (ulong)i), firstBoot); // every whole frame, the torn one gone
        Assert.True(secondBoot.Length >= 60);
        Assert.True(secondBoot[0] > lastWritten + 1); // the rest of the first boot's reserved block is skipped

        // The skipped numbers (the torn frame's and the rest of the block) are stated by one signed gap record of the
        // second boot, so the controller's contiguous ack moves past them and the outbox drains.
        GapRecord gap = Assert.Single(second.Controller.Gaps.Values);
        Assert.Equal(2u, gap.BootCounter);
        Assert.Equal(lastWritten + 1, gap.FirstDropped);
        Assert.True(gap.LastDropped < secondBoot[0]);
        Assert.Equal(frames.Keys.Max(), second.Controller.HighestContiguous);
    }
}
