using Millwright.Firmware.Runtime;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Runtime;

public sealed class NodeRuntimeEndToEndTests
{
    private const long Second = RuntimeRig.Second;
    private const long Hour = 3600 * Second;

    [Fact]
    public void A_provisioned_node_runs_an_hour_and_the_controller_stores_every_frame_verified_while_steps_allocate_nothing()
    {
        var rig = new RuntimeRig();
        rig.Start();
        Assert.Equal(NodeMode.Connected, rig.Runtime.Mode);
        Assert.Equal([0f], rig.CoolantOutput.Applied); // safe before anything else

        rig.RunFor(10 * 60 * Second); // warm-up: connect, first segments, first status messages, pools filled
        rig.MeasureAllocations = true;
        rig.RunFor(Hour - (10 * 60 * Second));
        rig.MeasureAllocations = false;

        // One frame per second: ticks 0 s .. 3599 s.
        Assert.Equal(3600, rig.Runtime.FramesRecorded);
        Assert.Equal(0, rig.Runtime.Faults.Count);
        Assert.True(rig.Runtime.Storage.Outbox.Depth <= 1, $"outbox depth {rig.Runtime.Storage.Outbox.Depth}");

        // Every frame arrived once, verified with the device key, in one contiguous run of sequence numbers.
        var frames = rig.StoredFrames();
        Assert.Empty(rig.Controller.Rejections);
        Assert.Empty(rig.Controller.Gaps);
        Assert.All(rig.Controller.StoreCounts.Values, count => Assert.Equal(1, count));
        Assert.Equal(Enumerable.Range(1, frames.Count).Select(i => (ulong)i), frames.Keys);
        Assert.True(frames.Count >= 3599, $"{frames.Count} frames stored");
        Assert.Equal((ulong)frames.Count, rig.Controller.HighestContiguous);

        Frame previous = null!;
        foreach (Frame frame in frames.Values)
        {
            Assert.Equal(RuntimeRig.DeviceId, frame.DeviceId);
            Assert.Equal(1u, frame.BootCounter);
            Assert.Equal([1, 2, 10], frame.ChannelIds.Take(frame.SampleCount));
            Assert.Equal([1f, 2f, 10f], frame.Values.Take(frame.SampleCount));
            if (previous != null && previous.TimeQuality == frame.TimeQuality)
            {
                Assert.Equal(Second, frame.TimeMicros - previous.TimeMicros); // no drift, whatever the loop's timing
            }

            previous = frame;
        }

        // The clock was set from the controller's first ack; frames before it say so.
        Assert.Equal(TimeQuality.Unsynced, frames[1].TimeQuality);
        Assert.Equal(TimeQuality.Controller, previous.TimeQuality);
        long expectedUtc = RuntimeController.UtcAtBoot + ((frames.Count - 1) * Second);
        Assert.InRange(previous.TimeMicros, expectedUtc - Second, expectedUtc); // late only by the ack's delivery delay

        // Health telemetry: birth plus one status a minute, signed, with the node's figures.
        Assert.InRange(rig.Controller.StatusMessages.Count, 60, 62);
        StatusMessage status = rig.LastStatus();
        Assert.True(status.Online);
        Assert.Equal("test-mill-board", status.Board);
        Assert.Equal([1, 2, 10], status.Channels);
        Assert.Empty(status.FailedComponents);
        Assert.Equal(TimeQuality.Controller, status.TimeQuality);
        Assert.InRange(status.UptimeSeconds, 3540ul, 3600ul);
        Assert.Equal("power-on", status.ResetReason);
        Assert.Equal(-61, status.Rssi);
        Assert.Equal(1u, status.BootCounter);

        // The loop never stalled, and the steady state allocated nothing over tens of thousands of steps: sampling,
        // signing, appending to flash, segment rotation, sequence reservations, publishing and health status included.
        Assert.False(rig.Watchdog.WouldReset);
        Assert.True(rig.Watchdog.Feeds >= 30_000);
        Assert.True(rig.MeasuredSteps >= 25_000, $"{rig.MeasuredSteps} steps measured");
        Assert.Equal(0, rig.AllocatedInSteps);

        // Reading an ack reuses the device id string when it is unchanged, so ack steps allocate nothing either.
        Assert.True(rig.MeasuredAcks >= 2_900, $"{rig.MeasuredAcks} acks measured");
        Assert.Equal(0, rig.AllocatedInAckSteps);
        Assert.Equal(0, rig.Link.Overflows);
        Assert.Equal([0f], rig.CoolantOutput.Applied); // no command, no change
    }
}
