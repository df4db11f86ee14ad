using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Tests.Storage;

/// <summary>Batched ingest against a real SQLite file: exactly-once, log order, watermarks and gaps.</summary>
public sealed class FrameStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task StoresABatchWithDenseLogIndexesInBatchOrder()
    {
        await using TempStore temp = await StoreWithDevices("a", "b");
        List<FrameToStore> batch = [.. TestFrames.Range("a", 1, 3), .. TestFrames.Range("b", 1, 2)];

        StoreFramesResult result = await temp.Store.StoreFramesAsync(batch, None);

        Assert.All(result.Outcomes, o => Assert.Equal(FrameStoreStatus.Stored, o.Status));
        Assert.Equal([1L, 2, 3, 4, 5], result.Outcomes.Select(o => o.LogIndex!.Value));
        IReadOnlyList<StoredFrame> log = await temp.Store.GetFramesInLogOrderAsync(1, 100, None);
        Assert.Equal(batch.Select(f => (f.DeviceId, f.Sequence)), log.Select(f => (f.DeviceId, f.Sequence)));
        Assert.Equal(batch[2].RawMessage, log[2].RawMessage);
        Assert.Equal(5, await temp.Store.CountFramesAsync(None));
        Assert.Equal([3L, 2], result.Watermarks.OrderBy(w => w.DeviceId).Select(w => w.ContiguousSequence));
    }

    [Fact]
    public async Task ADuplicateInsideOneBatchIsStoredOnce()
    {
        await using TempStore temp = await StoreWithDevices("a");
        FrameToStore frame = TestFrames.Readings("a", 1);

        StoreFramesResult result = await temp.Store.StoreFramesAsync([frame, TestFrames.Readings("a", 2), frame], None);

        Assert.Equal([FrameStoreStatus.Stored, FrameStoreStatus.Stored, FrameStoreStatus.Duplicate], result.Outcomes.Select(o => o.Status));
        Assert.Equal(result.Outcomes[0].LogIndex, result.Outcomes[2].LogIndex);
        Assert.Equal(2, await temp.Store.CountFramesAsync(None));
        ReadingsPage readings = await temp.Store.GetReadingsAsync(new ReadingsQuery("a", 0, long.MaxValue, 100), None);
        Assert.Equal(12, readings.Items.Count);
    }

    [Fact]
    public async Task ADuplicateAcrossBatchesIsAckedNotStored()
    {
        await using TempStore temp = await StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 5), None);

        StoreFramesResult again = await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 3), TestFrames.Readings("a", 6)], None);

        Assert.Equal(FrameStoreStatus.Duplicate, again.Outcomes[0].Status);
        Assert.Equal(3, again.Outcomes[0].LogIndex);
        Assert.Equal(FrameStoreStatus.Stored, again.Outcomes[1].Status);
        Assert.Equal(6, again.Outcomes[1].LogIndex);
        Assert.Equal(6, again.Watermarks.Single().ContiguousSequence);
        Assert.Equal(6, await temp.Store.CountFramesAsync(None));
    }

    [Fact]
    public async Task ABatchOfOnlyDuplicatesStillReportsTheWatermarkToAck()
    {
        await using TempStore temp = await StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 4), None);

        StoreFramesResult again = await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 2)], None);

        Assert.Equal(1, again.DuplicateCount);
        Assert.Equal(new SequenceWatermark("a", 1, 4, 4, 0), again.Watermarks.Single());
    }

    [Fact]
    public async Task TheSameSequenceWithOtherBytesIsAConflictAndNotStored()
    {
        await using TempStore temp = await StoreWithDevices("a");
        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 1)], None);

        StoreFramesResult result = await temp.Store.StoreFramesAsync(
            [TestFrames.Readings("a", 1, raw: TestFrames.Raw("a", 1, 1, "other"))], None);

        Assert.Equal(new FrameStoreOutcome(FrameStoreStatus.Conflict, null), result.Outcomes.Single());
        Assert.Equal(1, result.ConflictCount);
        Assert.Equal(TestFrames.Raw("a", 1, 1), (await temp.Store.GetFramesInLogOrderAsync(1, 10, None)).Single().RawMessage);
    }

    [Fact]
    public async Task OutOfOrderArrivalHoldsTheWatermarkAtTheHoleUntilFilled()
    {
        await using TempStore temp = await StoreWithDevices("a");

        StoreFramesResult first = await temp.Store.StoreFramesAsync(
            [TestFrames.Readings("a", 1), TestFrames.Readings("a", 2), TestFrames.Readings("a", 5), TestFrames.Readings("a", 7)], None);
        Assert.Equal(new SequenceWatermark("a", 1, 2, 7, 2), first.Watermarks.Single());
        DeviceGaps gaps = await temp.Store.GetGapsAsync("a", None);
        Assert.Equal([new SequenceGap("a", 1, 3, 4), new SequenceGap("a", 1, 6, 6)], gaps.Open);

        StoreFramesResult second = await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 4), TestFrames.Readings("a", 3)], None);
        Assert.Equal(new SequenceWatermark("a", 1, 5, 7, 1), second.Watermarks.Single());

        StoreFramesResult third = await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 6)], None);
        Assert.Equal(new SequenceWatermark("a", 1, 7, 7, 0), third.Watermarks.Single());
        Assert.Empty((await temp.Store.GetGapsAsync("a", None)).Open);
    }

    [Fact]
    public async Task AGapRecordCoversItsRangeAndMovesTheWatermarkPastIt()
    {
        await using TempStore temp = await StoreWithDevices("a");
        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 1), TestFrames.Readings("a", 2)], None);
        // The device dropped 3..10 (outbox overflow) and says so in record 11, then continues with 12.
        StoreFramesResult result = await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 12), TestFrames.Gap("a", 11, 3, 10)], None);

        Assert.Equal(new SequenceWatermark("a", 1, 12, 12, 0), result.Watermarks.Single());
        DeviceGaps gaps = await temp.Store.GetGapsAsync("a", None);
        Assert.Empty(gaps.Open);
        DeclaredLoss loss = Assert.Single(gaps.Declared);
        Assert.Equal((11L, 3L, 10L, 1), (loss.Sequence, loss.FirstDropped, loss.LastDropped, loss.Reason));
        Assert.Equal(FrameKind.Gap, (await temp.Store.GetFramesInLogOrderAsync(4, 1, None)).Single().Kind);
    }

    [Fact]
    public async Task AGapStaysOpenUntilAGapRecordArrivesLater()
    {
        await using TempStore temp = await StoreWithDevices("a");
        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 1), TestFrames.Readings("a", 20)], None);
        Assert.Equal([new SequenceGap("a", 1, 2, 19)], (await temp.Store.GetGapsAsync("a", None)).Open);

        // The gap record itself (seq 21) covers 2..19 once stored, even though it arrives after 20.
        StoreFramesResult result = await temp.Store.StoreFramesAsync([TestFrames.Gap("a", 21, 2, 19)], None);

        Assert.Equal(new SequenceWatermark("a", 1, 21, 21, 0), result.Watermarks.Single());
        Assert.Empty((await temp.Store.GetGapsAsync("a", None)).Open);
        // A late frame inside the declared range is still stored once (gap records may overlap stored numbers).
        StoreFramesResult late = await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 5)], None);
        Assert.Equal(FrameStoreStatus.Stored, late.Outcomes.Single().Status);
        Assert.Equal(21, late.Watermarks.Single().ContiguousSequence);
    }

    [Fact]
    public async Task WatermarksAndGapsSurviveARestart()
    {
        await using TempStore temp = await StoreWithDevices("a");
        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 1), TestFrames.Readings("a", 3), TestFrames.Readings("a", 6)], None);

        await temp.ReopenAsync();
        StoreFramesResult result = await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 2), TestFrames.Readings("a", 3)], None);

        Assert.Equal([FrameStoreStatus.Stored, FrameStoreStatus.Duplicate], result.Outcomes.Select(o => o.Status));
        Assert.Equal(new SequenceWatermark("a", 1, 3, 6, 1), result.Watermarks.Single());
        Assert.Equal([new SequenceGap("a", 1, 4, 5)], (await temp.Store.GetGapsAsync("a", None)).Open);
    }

    [Fact]
    public async Task AFailedBatchStoresNothingAndLeavesTheWatermarkWhereItWas()
    {
        await using TempStore temp = await StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 2), None);

        // The unknown device is found after frames 3 and 4 were inserted: the whole transaction must roll back.
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.StoreFramesAsync(
            [TestFrames.Readings("a", 3), TestFrames.Readings("a", 4), TestFrames.Readings("ghost", 1)], None));

        Assert.Equal(2, await temp.Store.CountFramesAsync(None));
        Assert.Equal(2, (await temp.Store.GetWatermarksAsync("a", None)).Single().ContiguousSequence);
        StoreFramesResult retry = await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 3), TestFrames.Readings("a", 4)], None);
        Assert.Equal([3L, 4], retry.Outcomes.Select(o => o.LogIndex!.Value));
        Assert.Equal(4, retry.Watermarks.Single().ContiguousSequence);
    }

    [Fact]
    public async Task RefusesFramesOutsideTheProtocolRanges()
    {
        await using TempStore temp = await StoreWithDevices("a");
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.StoreFramesAsync([TestFrames.Readings("a", 0)], None));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.StoreFramesAsync([TestFrames.Gap("a", 5, 5, 6)], None));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.StoreFramesAsync([TestFrames.Readings("a", 1) with { Kind = FrameKind.Gap }], None));
        Assert.Equal(0, await temp.Store.CountFramesAsync(None));
    }

    [Fact]
    public async Task TracksEachDevicesLastSeenAndLastSequence()
    {
        await using TempStore temp = await StoreWithDevices("a");
        DateTimeOffset later = TestFrames.ReceivedAt.AddMinutes(5);
        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 2), TestFrames.Readings("a", 9), TestFrames.Readings("a", 4)], None);
        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 2, receivedAt: later)], None); // a duplicate still shows life

        DeviceActivity activity = (await temp.Store.GetDeviceOverviewAsync("a", None))!.Activity!;

        Assert.Equal(new DeviceActivity(later, 1, 9, 3, 3), activity);
    }

    internal static async Task<TempStore> StoreWithDevices(params string[] deviceIds)
    {
        TempStore temp = await TempStore.CreateAsync();
        foreach (string id in deviceIds)
        {
            Assert.True(await temp.Store.AddDeviceAsync(id, TestFrames.NewKey(), TestFrames.ReceivedAt, CancellationToken.None));
        }

        return temp;
    }
}
