using Millwright.Firmware.Board;
using Millwright.Firmware.Components;
using Millwright.Firmware.Sampling;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Sampling;

/// <summary>A sampler over fake sensors and the fake clock, started at monotonic 0 with the wall clock at <see cref="FakeClock.SyncedEpochMicros"/>.</summary>
internal sealed class SamplerRig
{
    public const long Second = 1_000_000;

    public SamplerRig(int defaultPeriodMilliseconds, params ChannelDescription[] channels)
    {
        Clock = new FakeClock(0, FakeClock.SyncedEpochMicros);
        Clock.SetUtc(FakeClock.SyncedEpochMicros, TimeQuality.Sntp);
        Board = new BoardDescription("rig", channels, []) { DefaultSamplePeriodMilliseconds = defaultPeriodMilliseconds };
        foreach (var channel in channels)
        {
            Sensors.Add(channel.ChannelId, channel.ChannelId * 10f, Clock);
        }

        Components = ComponentRegistry.FromBoard(Board, Sensors, 0, Second, 8 * Second);
        Components.SetupAll(0);
        Sampler = new Sampler(SamplingPlan.Build(Board, Components, 0), Clock);
        Sampler.Start(0);
    }

    public FakeClock Clock { get; }

    public BoardDescription Board { get; }

    public FakeSensors Sensors { get; } = new();

    public ComponentRegistry Components { get; }

    public Sampler Sampler { get; }

    public Frame Frame { get; } = new();

    public static ChannelDescription Channel(int id, int periodMilliseconds = 0, int oversample = 1, string? sensor = null) =>
        new(id, "ch" + id, "u", sensor ?? "s" + id) { PeriodMilliseconds = periodMilliseconds, Oversample = oversample };

    /// <summary>Moves the clock to the next tick plus <paramref name="lateMicros"/>, then polls.</summary>
    public bool PollNextTick(long lateMicros = 0)
    {
        Clock.Advance(Sampler.MicrosUntilNextTick(Clock.MonotonicMicros) + lateMicros);
        return Sampler.Poll(Frame);
    }

    public int[] FrameChannels() => Frame.ChannelIds.Take(Frame.SampleCount).ToArray();
}
