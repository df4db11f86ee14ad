using Millwright.Protocol.Messages;
using Millwright.Hardware.Virtual.Tests.Infrastructure;

namespace Millwright.Hardware.Virtual.Tests.Board;

/// <summary>What every verified run of a virtual.json board must show at the controller.</summary>
internal static class FrameChecks
{
    public static readonly int[] VirtualChannels = [1, 2, 3, 4, 5];

    public static bool HasEveryChannel(DeviceLedger ledger, int frames) =>
        ledger.FrameCount >= frames && VirtualChannels.All(channel => ledger.Frames.Values.Any(f => Channels(f).Contains(channel)));

    public static IEnumerable<int> Channels(Frame frame) => frame.ChannelIds.Take(frame.SampleCount);

    public static IEnumerable<double> Values(IEnumerable<Frame> frames, int channel) =>
        frames.SelectMany(f => Enumerable.Range(0, f.SampleCount).Where(i => f.ChannelIds[i] == channel).Select(i => (double)f.Values[i]));

    /// <summary>Every record verified and decoded, stored once, stamped with real UTC on a rising grid, and every channel in its physical range.</summary>
    public static void AssertPlausible(DeviceLedger ledger)
    {
        Assert.Empty(ledger.Rejections);
        Assert.Equal(0, ledger.Conflicts);
        List<Frame> frames = [.. ledger.Frames.Values];
        long now = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        Assert.All(frames, f =>
        {
            Assert.Equal(ledger.DeviceId, f.DeviceId);
            Assert.Equal(TimeQuality.Sntp, f.TimeQuality);
            Assert.InRange(f.TimeMicros, now - 600_000_000, now + 5_000_000);
            Assert.All(f.OffsetsMicros.Take(f.SampleCount), offset => Assert.True(offset >= 0));
        });
        // On time, every sample is read at its tick (offset 0); only a board more than 2 s behind skips ahead and shows late reads.
        Assert.True(frames.Count(f => f.OffsetsMicros.Take(f.SampleCount).All(o => o == 0)) >= frames.Count * 9 / 10, "most frames on their tick");
        Assert.True(frames.Zip(frames.Skip(1)).All(pair => pair.First.TimeMicros < pair.Second.TimeMicros), "frame times must rise with the sequence");

        Assert.All(Values(frames, 1), t => Assert.InRange(t, 15, 100));
        Assert.All(Values(frames, 2), rh => Assert.InRange(rh, 0, 100));
        Assert.All(Values(frames, 3), hpa => Assert.InRange(hpa, 990, 1040));
        Assert.All(Values(frames, 4), g => Assert.InRange(g, -5.01, 4.5));
        Assert.All(Values(frames, 5), amps => Assert.InRange(amps, -0.01, 62.1));

        // A machine under its production program: a working motor current and a vibration centred on 0 g.
        double meanCurrent = Values(frames, 5).Average();
        Assert.InRange(meanCurrent, 2, 35);
        double[] vibration = [.. Values(frames, 4)];
        Assert.InRange(vibration.Average(), -0.1, 0.1);
        Assert.InRange(Math.Sqrt(vibration.Average(g => g * g)), 0.03, 1.0);
    }
}
