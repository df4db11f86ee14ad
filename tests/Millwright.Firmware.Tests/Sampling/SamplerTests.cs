using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Sampling;

public sealed class SamplerTests
{
    private const long Second = SamplerRig.Second;

    [Fact]
    public void A_day_of_one_second_ticks_gives_86400_frames_with_exact_timestamps_despite_late_polls()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1));
        var random = new Random(86400);
        long lateTotal = 0;

        for (int k = 0; k < 86_400; k++)
        {
            // The loop wakes up to 300 ms late, as a busy node would; "now + period" scheduling would drift by the sum.
            long late = random.Next(0, 300_000);
            lateTotal += late;

            Assert.True(rig.PollNextTick(late));

            Assert.Equal(FakeClock.SyncedEpochMicros + (k * Second), rig.Frame.TimeMicros);
            Assert.Equal(TimeQuality.Sntp, rig.Frame.TimeQuality);
            Assert.Equal(1, rig.Frame.SampleCount);
            Assert.Equal((int)late, rig.Frame.OffsetsMicros[0]);
        }

        Assert.Equal(86_400, rig.Sampler.Ticks);
        Assert.Equal(0, rig.Sampler.SkippedSamples);
        Assert.Equal(86_400 * Second, rig.Sampler.NextTickMicros);
        Assert.True(lateTotal > 3600 * Second); // a drifting scheduler would be more than an hour off by now
    }

    [Fact]
    public void Polling_before_the_deadline_gives_nothing_and_says_how_long_to_wait()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1));
        Assert.True(rig.Sampler.Poll(rig.Frame)); // the first tick is at the start
        rig.Clock.Advance(400_000);

        Assert.False(rig.Sampler.Poll(rig.Frame));
        Assert.Equal(600_000, rig.Sampler.MicrosUntilNextTick(rig.Clock.MonotonicMicros));
        rig.Clock.Advance(599_999);
        Assert.False(rig.Sampler.Poll(rig.Frame));
        rig.Clock.Advance(1);
        Assert.True(rig.Sampler.Poll(rig.Frame));
        Assert.Equal(2, rig.Sampler.Ticks);
    }

    [Fact]
    public void One_second_and_ten_second_channels_meet_on_every_tenth_tick()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1), SamplerRig.Channel(2, periodMilliseconds: 10_000), SamplerRig.Channel(3));

        for (int k = 0; k < 60; k++)
        {
            Assert.True(rig.PollNextTick());
            Assert.Equal(FakeClock.SyncedEpochMicros + (k * Second), rig.Frame.TimeMicros);
            int[] expected = k % 10 == 0 ? [1, 2, 3] : [1, 3];
            Assert.Equal(expected, rig.FrameChannels());
        }
    }

    [Fact]
    public void Periods_that_do_not_divide_each_other_tick_on_the_union_of_their_deadlines()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1, periodMilliseconds: 1000), SamplerRig.Channel(2, periodMilliseconds: 1500));
        var seen = new List<string>();

        for (int i = 0; i < 5; i++)
        {
            Assert.True(rig.PollNextTick());
            seen.Add((rig.Frame.TimeMicros - FakeClock.SyncedEpochMicros) + ":" + string.Join(",", rig.FrameChannels()));
        }

        Assert.Equal(["0:1,2", "1000000:1", "1500000:2", "2000000:1", "3000000:1,2"], seen);
    }

    [Fact]
    public void Oversampling_averages_n_reads_per_sample()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1, oversample: 8), SamplerRig.Channel(2));
        var ramp = rig.Sensors.Channels[1];
        ramp.Value = 100f;
        ramp.StepPerRead = 1f;
        int readsBefore = ramp.Reads;

        Assert.True(rig.PollNextTick());

        Assert.Equal(8, ramp.Reads - readsBefore);
        Assert.Equal(103.5f, rig.Frame.Values[0]); // mean of 100..107
        Assert.Equal(20f, rig.Frame.Values[1]);
    }

    [Fact]
    public void Each_sample_carries_its_read_time_relative_to_the_tick()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1, oversample: 2), SamplerRig.Channel(2), SamplerRig.Channel(3));
        foreach (var channel in rig.Sensors.Channels.Values)
        {
            channel.ReadMicros = 1500; // a slow bus
        }

        Assert.True(rig.PollNextTick(250));

        Assert.Equal([250, 3250, 4750], rig.Frame.OffsetsMicros.Take(3));
        Assert.Equal(FakeClock.SyncedEpochMicros, rig.Frame.TimeMicros);
    }

    [Fact]
    public void A_failed_channel_is_absent_while_the_others_continue_and_returns_after_recovery()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1), SamplerRig.Channel(2));
        Assert.True(rig.PollNextTick());
        rig.Sensors.Channels[2].Fail = true;

        Assert.True(rig.PollNextTick());
        Assert.Equal([1], rig.FrameChannels());
        Assert.True(rig.Components.Find("s2").Health.IsFailed);
        Assert.Equal(1, rig.Components.FailedCount);

        rig.Sensors.Channels[2].Fail = false;
        Assert.True(rig.PollNextTick());
        Assert.Equal([1], rig.FrameChannels()); // not read until the component's probe succeeds

        rig.Components.UpdateAll(rig.Clock.MonotonicMicros); // the probe is due one second after the failure
        Assert.True(rig.PollNextTick());
        Assert.Equal([1, 2], rig.FrameChannels());
        Assert.Equal(0, rig.Components.FailedCount);
    }

    [Fact]
    public void A_tick_whose_every_channel_failed_gives_no_frame()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1));
        rig.Sensors.Channels[1].Fail = true;

        Assert.False(rig.PollNextTick());
        Assert.False(rig.PollNextTick());

        Assert.Equal(2, rig.Sampler.Ticks);
        Assert.Equal(2, rig.Sampler.EmptyTicks);
        Assert.Equal(Second, rig.Sampler.NextTickMicros - rig.Clock.MonotonicMicros);
    }

    [Fact]
    public void A_loop_that_falls_behind_skips_missed_ticks_instead_of_catching_up()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1), SamplerRig.Channel(2, periodMilliseconds: 10_000));
        Assert.True(rig.PollNextTick()); // t = 0 s

        rig.Clock.Advance(13_400_000); // a 13.4 s stall

        Assert.True(rig.Sampler.Poll(rig.Frame));
        Assert.Equal(FakeClock.SyncedEpochMicros + (13 * Second), rig.Frame.TimeMicros); // the latest passed deadline
        Assert.Equal([1, 2], rig.FrameChannels()); // the 10 s channel missed 10 s and is sampled late, not lost
        Assert.Equal([400_000, 400_000], rig.Frame.OffsetsMicros.Take(2));
        Assert.Equal(12, rig.Sampler.SkippedSamples); // 1 s channel: 1..12 s; 10 s channel: none skipped (10 s taken late)
        Assert.False(rig.Sampler.Poll(rig.Frame)); // never a second frame for the same tick

        Assert.True(rig.PollNextTick());
        Assert.Equal(FakeClock.SyncedEpochMicros + (14 * Second), rig.Frame.TimeMicros); // back on the grid
        Assert.Equal([1], rig.FrameChannels());
        rig.Clock.AdvanceTo(20 * Second);
        Assert.True(rig.Sampler.Poll(rig.Frame));
        Assert.Equal([1, 2], rig.FrameChannels());
    }

    [Fact]
    public void Frames_carry_the_clock_quality_and_follow_a_wall_clock_step()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1));
        rig.Clock.SetUtc(5_000_000, TimeQuality.Unsynced);
        Assert.True(rig.PollNextTick());
        Assert.Equal(TimeQuality.Unsynced, rig.Frame.TimeQuality);
        Assert.Equal(5_000_000, rig.Frame.TimeMicros);

        rig.Clock.Advance(300_000);
        rig.Clock.SetUtc(FakeClock.SyncedEpochMicros, TimeQuality.Controller);

        Assert.True(rig.PollNextTick());
        Assert.Equal(TimeQuality.Controller, rig.Frame.TimeQuality);
        Assert.Equal(FakeClock.SyncedEpochMicros + 700_000, rig.Frame.TimeMicros); // the tick was 0.7 s after the step
    }

    [Fact]
    public void Sampling_allocates_nothing_per_tick()
    {
        var rig = new SamplerRig(1000, SamplerRig.Channel(1, oversample: 4), SamplerRig.Channel(2, periodMilliseconds: 10_000), SamplerRig.Channel(3));
        rig.Sensors.Channels[3].FailWhen = i => i % 7 == 3; // failures and recoveries on the way
        for (int i = 0; i < 100; i++)
        {
            rig.PollNextTick(1000);
            rig.Components.UpdateAll(rig.Clock.MonotonicMicros);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            rig.PollNextTick(1000);
            rig.Components.UpdateAll(rig.Clock.MonotonicMicros);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
