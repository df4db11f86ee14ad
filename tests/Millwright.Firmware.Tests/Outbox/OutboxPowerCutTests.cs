using Millwright.Firmware.Outbox;
using Millwright.Firmware.Tests.Fakes;
using static Millwright.Firmware.Tests.Outbox.OutboxTestData;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>
/// The power-cut test: a write is cut at every byte offset, the node reboots and recovers, and every completely
/// written record is kept, the cut one is whole or absent, nothing is corrupt or repeated, and appending goes on.
/// </summary>
public class OutboxPowerCutTests
{
    public enum CutWrite
    {
        /// <summary>The first record on an empty flash.</summary>
        FirstRecord,

        /// <summary>A record in the middle of the current segment.</summary>
        MidSegment,

        /// <summary>The record that opens a new segment (the current one is full).</summary>
        SegmentRollOver,
    }

    [Theory]
    [InlineData(CutWrite.FirstRecord)]
    [InlineData(CutWrite.MidSegment)]
    [InlineData(CutWrite.SegmentRollOver)]
    public void CuttingAnAppendAtEveryByteKeepsEveryWholeRecordAndNeverACorruptOrRepeatedOne(CutWrite where)
    {
        (ulong[] earlier, ulong acked) = Prepare(new MemoryRecordStore(), where, out _);
        ulong target = earlier.Length == 0 ? 1 : earlier[^1] + 1;
        int recordLength = OutboxRecordFormat.OverheadBytes + LengthFor(target);
        ulong[] expectedBefore = earlier.Where(s => s > acked).ToArray();
        var uncut = new MemoryRecordStore();
        Prepare(uncut, where, out OutboxLog check);
        int segmentsBefore = check.SegmentCount;
        Append(check, target);
        Assert.Equal(segmentsBefore + (where == CutWrite.MidSegment ? 0 : 1), check.SegmentCount);

        for (int bytes = 0; bytes <= recordLength; bytes++)
        {
            var store = new MemoryRecordStore();
            Prepare(store, where, out OutboxLog log);
            store.CutAfterBytes(bytes);
            Assert.Throws<PowerCutException>(() => Append(log, target));

            var recovered = new OutboxLog(store.Reboot(), SmallOptions(maxSegments: 10, ackPersistInterval: 4));
            var records = Sweep(recovered);
            AssertIntact(records);
            bool whole = bytes == recordLength;
            Assert.Equal(whole ? expectedBefore.Append(target) : expectedBefore, records.Select(r => r.Sequence));
            Assert.Equal(records.Count, recovered.Depth);
            Assert.Equal(0, recovered.Corruptions);
            Assert.False(recovered.PeekLoss(new OutboxLoss()));

            // Appending continues: never after the torn bytes, and all of it survives the next reboot.
            Append(recovered, target + 1);
            Append(recovered, target + 2);
            var again = new OutboxLog(store.Reboot(), SmallOptions(maxSegments: 10, ackPersistInterval: 4));
            var final = Sweep(again);
            AssertIntact(final);
            Assert.Equal(records.Select(r => r.Sequence).Concat([target + 1, target + 2]), final.Select(r => r.Sequence));
            Assert.Equal(0, again.Corruptions);
        }
    }

    [Fact]
    public void CuttingTheAckWatermarkWriteOrTheSegmentDeletesNeverLosesAnUnackedRecord()
    {
        for (int cut = 0; cut < 40; cut++)
        {
            var store = new MemoryRecordStore();
            var log = new OutboxLog(store, SmallOptions(maxSegments: 10, ackPersistInterval: 4));
            for (ulong sequence = 1; sequence <= 30; sequence++)
            {
                Append(log, sequence);
            }

            bool byBytes = cut % 2 == 0;
            if (byBytes)
            {
                store.CutAfterBytes(cut / 2); // the watermark file is 16 bytes
            }
            else
            {
                store.CutAfterOperations(cut / 2); // deletes of covered segments, then the watermark
            }

            try
            {
                log.Acknowledge(22);
            }
            catch (PowerCutException)
            {
            }

            var recovered = new OutboxLog(store.Reboot(), SmallOptions(maxSegments: 10, ackPersistInterval: 4));
            ulong[] sequences = Sequences(recovered);
            Assert.True(recovered.AckedSequence is 0 or 22, $"watermark {recovered.AckedSequence}");
            Assert.Equal(Enumerable.Range(1, 30).Select(i => (ulong)i).Where(s => s > recovered.AckedSequence && (s > 22 || sequences.Contains(s))), sequences);
            Assert.Equal(Enumerable.Range(23, 8).Select(i => (ulong)i), sequences.Where(s => s > 22));
        }
    }

    // Builds the state before the cut write; returns the numbers appended and the ack given. Tracks the current
    // segment's bytes the way the log fills segments, to stop just before a roll-over or in the middle of a segment.
    private static (ulong[] Earlier, ulong Acked) Prepare(MemoryRecordStore store, CutWrite where, out OutboxLog log)
    {
        log = new OutboxLog(store, SmallOptions(maxSegments: 10, ackPersistInterval: 4));
        if (where == CutWrite.FirstRecord)
        {
            return ([], 0);
        }

        const int SegmentBytes = 2 * OutboxRecordFormat.MaxRecordBytes;
        var appended = new List<ulong>();
        int current = 0;
        for (ulong sequence = 1; ; sequence++)
        {
            int record = OutboxRecordFormat.OverheadBytes + LengthFor(sequence);
            bool rollOver = current + record > SegmentBytes;
            bool ready = appended.Count > 12 && log.SegmentCount >= 2;
            if (ready && ((where == CutWrite.SegmentRollOver && rollOver) || (where == CutWrite.MidSegment && !rollOver && current > 0)))
            {
                log.Acknowledge(5);
                return (appended.ToArray(), 5);
            }

            current = rollOver ? record : current + record;
            Append(log, sequence);
            appended.Add(sequence);
        }
    }
}
