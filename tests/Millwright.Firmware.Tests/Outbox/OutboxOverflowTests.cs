using Millwright.Firmware.Outbox;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;
using static Millwright.Firmware.Tests.Outbox.OutboxTestData;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>When the outbox is full the oldest segment goes, and a gap record states the loss, even across power cuts.</summary>
public class OutboxOverflowTests
{
    [Fact]
    public void AFullOutboxDropsTheOldestSegmentAndReportsTheRangeForAGapRecord()
    {
        var store = new MemoryRecordStore();
        var log = new OutboxLog(store, SmallOptions(maxSegments: 3));
        ulong sequence = 0;
        while (log.SegmentCount < 3 || !WouldRollOver(log, store, sequence + 1))
        {
            Append(log, ++sequence);
        }

        ulong[] before = Sequences(log);
        Append(log, ++sequence); // needs a 4th segment: the oldest goes
        var loss = new OutboxLoss();
        Assert.True(log.PeekLoss(loss));
        Assert.Equal(GapReason.OutboxOverflow, loss.Reason);
        Assert.Equal(1UL, loss.FirstSequence);
        ulong[] after = Sequences(log);
        Assert.Equal(loss.LastSequence + 1, after[0]);
        Assert.Equal(before.Where(s => s > loss.LastSequence).Append(sequence), after);
        Assert.Equal((long)loss.LastSequence, log.DroppedRecords);
        Assert.Equal(after.Length, log.Depth);
        Assert.Equal(3, log.SegmentCount);
        Assert.Equal(3, store.List("outbox-").Length);
        Assert.True(store.Exists(OutboxLog.DroppedFileName));

        byte[] gap = OutboxDriver.GapMessage(sequence + 1);
        log.AppendLossRecord(sequence + 1, gap, 0, gap.Length);
        Assert.False(log.PeekLoss(loss));
        Assert.Equal(after.Append(sequence + 1), Sequences(log));
    }

    [Fact]
    public void ADropIsStatedAgainAfterEachRebootUntilAnAckPassesIt()
    {
        OutboxOptions options = SmallOptions(maxSegments: 2, ackPersistInterval: 1);
        var driver = new OutboxDriver(options);
        while (driver.Log.DroppedRecords == 0)
        {
            driver.AppendFrame();
        }

        (ulong first, ulong last) = driver.Gaps.Values.Single();
        driver.Reboot(); // as if power went before or after the gap record reached flash: the range is stated again
        var loss = new OutboxLoss();
        Assert.True(driver.Log.PeekLoss(loss));
        Assert.Equal((first, last), (loss.FirstSequence, loss.LastSequence));
        driver.WriteGaps();
        driver.ReceiveAll();
        driver.AckContiguous();
        Assert.True(driver.Acked > last);

        driver.Reboot();
        Assert.False(driver.Log.PeekLoss(loss));
        driver.AssertNothingLostSilently();
    }

    [Fact]
    public void ADropOfAPartlyAckedSegmentNamesOnlyWhatWasNotAcked()
    {
        var store = new MemoryRecordStore();
        var log = new OutboxLog(store, SmallOptions(maxSegments: 2));
        ulong sequence = 0;
        while (log.SegmentCount < 2)
        {
            Append(log, ++sequence);
        }

        log.Acknowledge(3);
        while (!WouldRollOver(log, store, sequence + 1))
        {
            Append(log, ++sequence);
        }

        Append(log, ++sequence);
        var loss = new OutboxLoss();
        Assert.True(log.PeekLoss(loss));
        Assert.Equal(4UL, loss.FirstSequence);
        Assert.Equal((long)(loss.LastSequence - 3), log.DroppedRecords);
    }

    [Fact]
    public void OverALongOutageTheOutboxStaysWithinItsBoundAndEveryLossHasAGap()
    {
        OutboxOptions options = SmallOptions(maxSegments: 4);
        var driver = new OutboxDriver(options);
        for (int i = 0; i < 2000; i++)
        {
            driver.AppendFrame();
            Assert.True(driver.Log.SegmentCount <= options.MaxSegments);
            Assert.True(driver.Log.StoredBytes <= options.MaxTotalBytes);
        }

        Assert.True(driver.Log.DroppedRecords > 1000);
        driver.AssertNothingLostSilently();
    }

    [Fact]
    public void CuttingAnOverflowAnywhereNeverLosesARecordWithoutAGapOnFlash()
    {
        // The step that overflows: the dropped watermark, the delete, the frame's append to a new segment, the gap record.
        for (int cut = 0; cut < 2 * OutboxRecordFormat.MaxRecordBytes; cut += 7)
        {
            foreach (bool byOperations in new[] { false, true })
            {
                if (byOperations && cut > 6)
                {
                    continue;
                }

                var driver = new OutboxDriver(SmallOptions(maxSegments: 3));
                while (driver.Log.SegmentCount < 3 || !WouldRollOver(driver.Log, driver.Store, driver.NextSequence))
                {
                    driver.AppendFrame();
                }

                if (byOperations)
                {
                    driver.Store.CutAfterOperations(cut);
                }
                else
                {
                    driver.Store.CutAfterBytes(cut);
                }

                try
                {
                    driver.AppendFrame();
                }
                catch (PowerCutException)
                {
                }

                driver.Reboot();
                driver.WriteGaps(); // the first frame after boot does this in the pipeline
                driver.AppendFrame();
                Assert.True(driver.Log.SegmentCount <= 3);
                Assert.True(driver.Store.List("outbox-").Length <= 3);
                driver.AssertNothingLostSilently();
            }
        }
    }

    // True when the next record (numbered `sequence`) does not fit in the segment being written.
    private static bool WouldRollOver(OutboxLog log, MemoryRecordStore store, ulong sequence)
    {
        string newest = store.List("outbox-").OrderBy(name => store.ReadAll(name).Length == 0 ? 0UL : LastIn(store.ReadAll(name))).Last();
        return store.Length(newest) + OutboxRecordFormat.OverheadBytes + LengthFor(sequence) > SmallOptions().SegmentBytes;
    }

    private static ulong LastIn(byte[] segment)
    {
        ulong last = 0;
        for (int position = 0; position + OutboxRecordFormat.HeaderBytes <= segment.Length;
             position += OutboxRecordFormat.OverheadBytes + BitConverter.ToUInt16(segment, position + 2))
        {
            last = BitConverter.ToUInt64(segment, position + 4);
        }

        return last;
    }
}
