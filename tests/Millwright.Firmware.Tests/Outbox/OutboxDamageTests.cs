using Millwright.Firmware.Outbox;
using Millwright.Protocol.Messages;
using static Millwright.Firmware.Tests.Outbox.OutboxTestData;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>
/// Flash damage (a flipped bit, not a power cut): a damaged record is never sent, and what it hides is reported as a
/// StorageCorruption loss, so the controller gets a gap record instead of a silent hole.
/// </summary>
public class OutboxDamageTests
{
    [Fact]
    public void DamageInAnOlderSegmentIsReportedUpToTheNextRecordStillHeld()
    {
        OutboxDriver driver = ThreeSegments(out string[] byAge);
        byte[] oldest = driver.Store.ReadAll(byAge[0]);
        int third = RecordStarts(oldest)[2];
        ulong damaged = BitConverter.ToUInt64(oldest, third + 4);
        driver.Store.Corrupt(byAge[0], third + OutboxRecordFormat.HeaderBytes + 3);

        driver.Reboot();
        Assert.Equal(1, driver.Log.Corruptions);
        var loss = new OutboxLoss();
        Assert.True(driver.Log.PeekLoss(loss));
        Assert.Equal(GapReason.StorageCorruption, loss.Reason);
        Assert.Equal(damaged, loss.FirstSequence);
        ulong[] held = Sequences(driver.Log);
        Assert.Equal(held.First(s => s > damaged) - 1, loss.LastSequence);
        Assert.Equal(new ulong[] { damaged - 2, damaged - 1 }, held.Where(s => s < damaged));

        driver.AppendFrame();
        driver.AssertNothingLostSilently();
    }

    [Fact]
    public void DamageAtTheEndOfTheLogIsReportedUpToTheNextNumberWritten()
    {
        OutboxDriver driver = ThreeSegments(out string[] byAge);
        byte[] newest = driver.Store.ReadAll(byAge[^1]);
        int last = RecordStarts(newest)[^1];
        ulong damaged = BitConverter.ToUInt64(newest, last + 4);
        driver.Store.Corrupt(byAge[^1], last + 5); // in the header's sequence: the header CRC catches it

        driver.Reboot();
        var loss = new OutboxLoss();
        Assert.False(driver.Log.PeekLoss(loss)); // the end of the range is not known yet
        ulong next = driver.AppendFrame(skip: 10);
        Assert.Contains(driver.Gaps.Values, gap => gap == (damaged, next - 1));
        driver.AssertNothingLostSilently();
    }

    [Fact]
    public void DamageFoundWhileReplayingIsCutOutAndReported()
    {
        OutboxDriver driver = ThreeSegments(out string[] byAge);
        byte[] middle = driver.Store.ReadAll(byAge[1]);
        int first = RecordStarts(middle)[0];
        ulong damaged = BitConverter.ToUInt64(middle, first + 4);
        driver.Store.Corrupt(byAge[1], middle.Length - 1); // the last record's payload CRC: found only when read

        var records = Sweep(driver.Log);
        AssertIntact(records);
        Assert.Equal(1, driver.Log.Corruptions);
        Assert.Contains(damaged, records.Select(r => r.Sequence));
        driver.AppendFrame();
        driver.AssertNothingLostSilently();
    }

    [Fact]
    public void DamageAtAnyByteOfASegmentIsNeverSentAndNeverHidesARecordSilently()
    {
        OutboxDriver template = ThreeSegments(out string[] names);
        int length = template.Store.Length(names[1]);
        for (int position = 0; position < length; position++)
        {
            OutboxDriver driver = ThreeSegments(out string[] byAge);
            driver.Store.Corrupt(byAge[1], position, (byte)(1 << (position % 8)));
            bool atBoot = position % 2 == 0;
            if (atBoot)
            {
                driver.Reboot();
            }

            driver.ReceiveAll(); // content checked: nothing damaged is ever handed out
            driver.AppendFrame();
            driver.AssertNothingLostSilently();
            Assert.True(driver.Log.Corruptions >= 1, $"damage at byte {position} went unnoticed");
        }
    }

    // Three segments or more of records 1..n, at least three in the newest; names ordered oldest first.
    private static OutboxDriver ThreeSegments(out string[] byAge)
    {
        var driver = new OutboxDriver(SmallOptions(maxSegments: 10));
        while (true)
        {
            driver.AppendFrame();
            byAge = new MemoryRecordStoreView(driver.Store).SegmentsOldestFirst();
            if (byAge.Length >= 3 && RecordStarts(driver.Store.ReadAll(byAge[^1])).Count >= 3)
            {
                return driver;
            }
        }
    }

    private static List<int> RecordStarts(byte[] segment)
    {
        var starts = new List<int>();
        for (int position = 0; position + OutboxRecordFormat.HeaderBytes <= segment.Length;
             position += OutboxRecordFormat.OverheadBytes + BitConverter.ToUInt16(segment, position + 2))
        {
            starts.Add(position);
        }

        return starts;
    }

    private sealed class MemoryRecordStoreView(Fakes.MemoryRecordStore store)
    {
        public string[] SegmentsOldestFirst() =>
            store.List("outbox-").OrderBy(name => BitConverter.ToUInt64(store.ReadAll(name), 4)).ToArray();
    }
}
