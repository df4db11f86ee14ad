using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Tests.Storage;

public sealed class ReadingQueryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ReadingTimeIsFrameTimePlusOffsetAndValuesRoundTrip()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        FrameToStore frame = TestFrames.Readings("a", 1) with
        {
            Samples = [new(1, 0, 0.5f), new(2, -50, float.NaN), new(3, 250, float.PositiveInfinity), new(300, 7, -3.5f)],
        };
        await temp.Store.StoreFramesAsync([frame], None);

        ReadingsPage page = await temp.Store.GetReadingsAsync(new ReadingsQuery("a", 0, long.MaxValue, 10), None);

        Assert.Equal(
            [(2, frame.TimeMicros - 50), (1, frame.TimeMicros), (300, frame.TimeMicros + 7), (3, frame.TimeMicros + 250)],
            page.Items.Select(r => (r.ChannelId, r.TimeMicros)));
        Assert.Equal([float.NaN, 0.5f, -3.5f, float.PositiveInfinity], page.Items.Select(r => r.Value));
        Assert.All(page.Items, r => Assert.Equal((1, 1L, 1L), (r.Epoch, r.Sequence, r.LogIndex)));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task KeysetPagingReturnsEveryReadingOnceInOrderEvenWithEqualTimes()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a", "b");
        // Two frames per second with equal times on purpose: ties are broken by reading id.
        var frames = new List<FrameToStore>();
        for (long s = 1; s <= 100; s++)
        {
            frames.Add(TestFrames.Readings("a", s) with { TimeMicros = TestFrames.BaseTimeMicros + (s / 2) * 1_000_000 });
            frames.Add(TestFrames.Readings("b", s));
        }

        await temp.Store.StoreFramesAsync(frames, None);
        var seen = new List<Reading>();
        ReadingCursor? after = null;
        do
        {
            ReadingsPage page = await temp.Store.GetReadingsAsync(new ReadingsQuery("a", 0, long.MaxValue, 7) { ChannelId = 2, After = after }, None);
            Assert.True(page.Items.Count <= 7);
            seen.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(100, seen.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(s => (long)s), seen.Select(r => r.Sequence));
        Assert.All(seen, r => Assert.Equal(("a", 2), (r.DeviceId, r.ChannelId)));
        Assert.Equal(seen.OrderBy(r => r.TimeMicros).ThenBy(r => r.ReadingId), seen);
    }

    [Fact]
    public async Task TheTimeRangeIsHalfOpenAndOtherDevicesAreExcluded()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a", "b");
        await temp.Store.StoreFramesAsync([.. TestFrames.Range("a", 1, 10), .. TestFrames.Range("b", 1, 10)], None);
        long from = TestFrames.BaseTimeMicros + 3 * 1_000_000 + 100; // channel 1 of frame 3
        long to = TestFrames.BaseTimeMicros + 5 * 1_000_000 + 100;   // channel 1 of frame 5, excluded

        ReadingsPage page = await temp.Store.GetReadingsAsync(new ReadingsQuery("a", from, to, 1000) { ChannelId = 1 }, None);
        ReadingsPage all = await temp.Store.GetReadingsAsync(new ReadingsQuery("a", from, to, 1000), None);

        Assert.Equal([3L, 4], page.Items.Select(r => r.Sequence));
        Assert.Equal(12, all.Items.Count);
        Assert.All(all.Items, r => Assert.Equal("a", r.DeviceId));
        Assert.Empty((await temp.Store.GetReadingsAsync(new ReadingsQuery("nobody", 0, long.MaxValue, 10), None)).Items);
    }

    [Fact]
    public async Task KeepsTheNewestStatusByBootCounterAndTime()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        DeviceHealth birth = Health(boot: 4, time: 100, online: true);

        Assert.True(await temp.Store.UpdateDeviceHealthAsync(birth, None));
        Assert.False(await temp.Store.UpdateDeviceHealthAsync(Health(boot: 4, time: 99, online: true), None));
        Assert.False(await temp.Store.UpdateDeviceHealthAsync(Health(boot: 3, time: 500, online: false), None));
        Assert.False(await temp.Store.UpdateDeviceHealthAsync(Health(boot: 9, time: 1, online: true) with { DeviceId = "nobody" }, None));
        DeviceHealth stored = (await temp.Store.GetDeviceOverviewAsync("a", None))!.Health!;
        Assert.Equivalent(birth, stored);

        Assert.True(await temp.Store.UpdateDeviceHealthAsync(Health(boot: 5, time: 1, online: false), None));
        Assert.False((await temp.Store.GetDeviceOverviewAsync("a", None))!.Health!.Online);
    }

    [Fact]
    public async Task ADeathOfTheSameBootWinsAlthoughItWasSignedBeforeTheBirth()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        Assert.True(await temp.Store.UpdateDeviceHealthAsync(Health(boot: 4, time: 100, online: true), None));

        // The Will is signed at connect time, before the birth it follows (protocol §9).
        Assert.True(await temp.Store.UpdateDeviceHealthAsync(Health(boot: 4, time: 99, online: false), None));
        Assert.False((await temp.Store.GetDeviceOverviewAsync("a", None))!.Health!.Online);

        Assert.True(await temp.Store.UpdateDeviceHealthAsync(Health(boot: 4, time: 200, online: true), None));
        Assert.True((await temp.Store.GetDeviceOverviewAsync("a", None))!.Health!.Online);
    }

    private static DeviceHealth Health(uint boot, long time, bool online) => new()
    {
        DeviceId = "a",
        BootCounter = boot,
        StatusTimeMicros = time,
        TimeQuality = TimeQuality.Sntp,
        ReceivedAt = TestFrames.ReceivedAt,
        Online = online,
        FirmwareVersion = "1.2.3",
        Board = "esp32-devkitc",
        Channels = [1, 2, 300],
        UptimeSeconds = ulong.MaxValue,
        FreeMemoryBytes = 81_920,
        Rssi = -67,
        OutboxDepth = 12,
        OutboxDrops = 0,
        ResetReason = "power-on",
        FailedComponents = ["bme280"],
    };
}
