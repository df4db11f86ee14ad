using System;
using Millwright.Firmware.Hardware;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Sampling;

/// <summary>
/// Decides when each channel is sampled and fills one <see cref="Frame"/> per tick with every channel due at it
/// (issue 3 §2). Deadlines live on the monotonic clock and are absolute: a channel's next deadline is its previous
/// deadline plus its period, never "now plus period", so late polls never accumulate into drift. All channels share one
/// origin, so channels whose periods divide each other (1 s and 10 s) meet on the same ticks.
/// Falling behind (a long GC, a slow flash write): missed deadlines are skipped, not caught up. The poll samples every
/// channel that is due once, stamps the frame with the latest deadline that has passed, and moves each channel to its
/// first deadline after now; the skipped deadlines are counted in <see cref="SkippedSamples"/>. Catching up would mean
/// reading "old" samples now and stamping them with times they were not taken at. Tick times strictly increase, so two
/// frames never share one. After <see cref="Start"/>, <see cref="Poll"/> allocates nothing.
/// </summary>
public sealed class Sampler
{
    private readonly IClock _clock;
    private readonly ChannelPlan[] _plan;
    private readonly long[] _deadlines;
    private readonly bool[] _due;
    private readonly int[] _channelIds;
    private long _nextTick = long.MaxValue;

    public Sampler(ChannelPlan[] plan, IClock clock)
    {
        if (plan == null || clock == null || plan.Length > ProtocolLimits.MaxSamplesPerFrame)
        {
            throw new ArgumentException("sampler needs a clock and a plan of at most " + ProtocolLimits.MaxSamplesPerFrame.ToString() + " channels");
        }

        _clock = clock;
        _plan = plan;
        _deadlines = new long[plan.Length];
        _due = new bool[plan.Length];
        _channelIds = new int[plan.Length];
        for (int i = 0; i < plan.Length; i++)
        {
            _channelIds[i] = plan[i].ChannelId;
        }
    }

    public bool IsStarted { get; private set; }

    public int ChannelCount
    {
        get { return _plan.Length; }
    }

    /// <summary>Monotonic time of the next tick (long.MaxValue when not started or without channels).</summary>
    public long NextTickMicros
    {
        get { return _nextTick; }
    }

    /// <summary>Ticks polled (frames filled), including those where every due channel had failed.</summary>
    public long Ticks { get; private set; }

    /// <summary>Ticks whose every due channel had failed (no frame returned).</summary>
    public long EmptyTicks { get; private set; }

    /// <summary>Per-channel deadlines skipped because the loop came too late (see the class summary).</summary>
    public long SkippedSamples { get; private set; }

    /// <summary>The sampled channel ids, in board order (a copy: the status message keeps it).</summary>
    public int[] CopyChannelIds()
    {
        var copy = new int[_channelIds.Length];
        Array.Copy(_channelIds, copy, copy.Length);
        return copy;
    }

    public ChannelPlan PlanAt(int index)
    {
        return _plan[index];
    }

    /// <summary>Sets the origin of every channel's deadlines: the first tick, with every channel due, is at <paramref name="nowMicros"/>.</summary>
    public void Start(long nowMicros)
    {
        for (int i = 0; i < _deadlines.Length; i++)
        {
            _deadlines[i] = nowMicros;
        }

        IsStarted = true;
        _nextTick = _plan.Length == 0 ? long.MaxValue : nowMicros;
    }

    /// <summary>µs from <paramref name="nowMicros"/> to the next tick: 0 when one is due, long.MaxValue when none will ever be.</summary>
    public long MicrosUntilNextTick(long nowMicros)
    {
        if (_nextTick == long.MaxValue)
        {
            return long.MaxValue;
        }

        return _nextTick <= nowMicros ? 0 : _nextTick - nowMicros;
    }

    /// <summary>
    /// When a tick is due, fills <paramref name="frame"/> (time, time quality, samples; not the device id, sequence or
    /// boot counter) and returns true; returns false when no tick is due or every due channel has failed.
    /// </summary>
    public bool Poll(Frame frame)
    {
        long now = _clock.MonotonicMicros;
        if (!IsStarted || now < _nextTick)
        {
            return false;
        }

        // Both clocks read together, so the tick's wall time is "wall now" minus how long ago the tick was.
        long utcNow = _clock.UtcMicros;
        TimeQuality quality = _clock.Quality;
        long tick = TakeDueChannels(now);
        long tickUtc = utcNow - (now - tick);
        frame.ClearSamples();
        frame.TimeMicros = tickUtc < 0 ? 0 : tickUtc;
        frame.TimeQuality = quality;
        for (int i = 0; i < _plan.Length; i++)
        {
            if (!_due[i])
            {
                continue;
            }

            ChannelPlan channel = _plan[i];
            long readAt = _clock.MonotonicMicros;
            float value;
            if (channel.Sensor.TrySample(channel.Slot, channel.Oversample, readAt, out value))
            {
                long offset = readAt - tick;
                frame.AddSample(channel.ChannelId, offset > int.MaxValue ? int.MaxValue : (int)offset, value);
            }
        }

        Ticks++;
        if (frame.SampleCount == 0)
        {
            EmptyTicks++;
            return false;
        }

        return true;
    }

    // Marks the channels with a deadline at or before now, moves each to its first deadline after now, and returns the
    // tick: the latest passed deadline among them (the earliest deadline when on time, since then they are all equal).
    private long TakeDueChannels(long now)
    {
        long tick = long.MinValue;
        long next = long.MaxValue;
        for (int i = 0; i < _plan.Length; i++)
        {
            long deadline = _deadlines[i];
            _due[i] = deadline <= now;
            if (_due[i])
            {
                long period = _plan[i].PeriodMicros;
                long skipped = (now - deadline) / period;
                long latest = deadline + (skipped * period);
                SkippedSamples += skipped;
                if (latest > tick)
                {
                    tick = latest;
                }

                deadline = latest + period;
                _deadlines[i] = deadline;
            }

            if (deadline < next)
            {
                next = deadline;
            }
        }

        _nextTick = next;
        return tick;
    }
}
