using Millwright.Firmware.Outbox;
using Millwright.Firmware.Tests.Fakes;
using static Millwright.Firmware.Tests.Outbox.OutboxTestData;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>Appending, reading in order for replay, acknowledging, and what survives a clean reboot.</summary>
public class OutboxLogTests
{
    [Fact]
    public void RecordsComeBackInOrderAcrossSegmentsAndReboots()
    {
        var store = new MemoryRecordStore();
        var log = new OutboxLog(store, SmallOptions(maxSegments: 10));
        ulong[] sequences = Enumerable.Range(1, 60).Select(i => (ulong)(i * 3)).ToArray(); // numbers need not be contiguous
        foreach (ulong sequence in sequences)
        {
            Append(log, sequence);
        }

        Assert.True(log.SegmentCount > 3);
        Assert.Equal(60, log.Depth);
        Assert.Equal(sequences, Sequences(log));
        AssertIntact(Sweep(log));

        var rebooted = new OutboxLog(store.Reboot(), SmallOptions(maxSegments: 10));
        Assert.Equal(sequences, Sequences(rebooted));
        Assert.Equal(180UL, rebooted.LastSequence);
        Assert.Equal(60, rebooted.Depth);
        Assert.Equal(0, rebooted.Corruptions);
    }

    [Fact]
    public void ReadAfterGivesTheLowestNumberAboveAnyPoint()
    {
        var log = new OutboxLog(new MemoryRecordStore(), SmallOptions(maxSegments: 10));
        for (ulong sequence = 10; sequence <= 100; sequence += 10)
        {
            Append(log, sequence);
        }

        var buffer = new byte[2048];
        foreach ((ulong after, ulong expected) in new[] { (0UL, 10UL), (10UL, 20UL), (15UL, 20UL), (95UL, 100UL), (55UL, 60UL), (5UL, 10UL) })
        {
            int length = log.ReadAfter(after, buffer, 0, out ulong sequence);
            Assert.Equal(expected, sequence);
            Assert.Equal(Message(expected, LengthFor(expected)), buffer.AsSpan(0, length).ToArray());
        }

        Assert.Equal(0, log.ReadAfter(100, buffer, 0, out ulong none));
        Assert.Equal(0UL, none);
        Assert.Equal(0, log.ReadAfter(ulong.MaxValue, buffer, 0, out _));
    }

    [Fact]
    public void MisuseIsRefused()
    {
        var log = new OutboxLog(new MemoryRecordStore(), SmallOptions());
        Append(log, 5);
        byte[] message = Message(4, 10);
        Assert.Throws<ArgumentException>(() => log.Append(5, message, 0, 10));
        Assert.Throws<ArgumentException>(() => log.Append(4, message, 0, 10));
        Assert.Throws<ArgumentException>(() => log.Append(6, message, 0, 0));
        Assert.Throws<ArgumentException>(() => log.Append(6, new byte[3000], 0, 2049));
        Assert.Throws<ArgumentException>(() => log.ReadAfter(0, new byte[10], 0, out _));
        Assert.Throws<InvalidOperationException>(() => new OutboxLog(new MemoryRecordStore(), SmallOptions()).AppendLossRecord(1, message, 0, 10));
        Assert.Throws<ArgumentException>(() => new OutboxLog(new MemoryRecordStore(), new OutboxOptions { SegmentBytes = 4000 }));
        Assert.Throws<ArgumentException>(() => new OutboxLog(new MemoryRecordStore(), new OutboxOptions { MaxSegments = 1 }));
        Assert.Throws<ArgumentException>(() => new OutboxLog(new MemoryRecordStore(), new OutboxOptions { AckPersistInterval = 0 }));
    }

    [Fact]
    public void AckFreesWholeSegmentsButKeepsTheOneBeingWritten()
    {
        var store = new MemoryRecordStore();
        var log = new OutboxLog(store, SmallOptions(maxSegments: 10));
        for (ulong sequence = 1; sequence <= 40; sequence++)
        {
            Append(log, sequence);
        }

        int segments = log.SegmentCount;
        log.Acknowledge(20);
        Assert.Equal(20, log.Depth);
        Assert.Equal(Enumerable.Range(21, 20).Select(i => (ulong)i), Sequences(log));
        Assert.True(log.SegmentCount < segments);
        Assert.Equal(log.SegmentCount, store.List("outbox-").Length);

        log.Acknowledge(40);
        Assert.Equal(0, log.Depth);
        Assert.Empty(Sequences(log));
        Assert.Equal(1, log.SegmentCount); // the current segment stays open for the next frames

        log.Acknowledge(30); // older acks change nothing
        Append(log, 41);
        Assert.Equal(new[] { 41UL }, Sequences(log));
        Assert.Equal(1, log.SegmentCount);
    }

    [Fact]
    public void AnAckAboveEverythingStoredNeverFreesNumbersNotYetWritten()
    {
        var log = new OutboxLog(new MemoryRecordStore(), SmallOptions());
        Append(log, 1);
        Append(log, 2);
        log.Acknowledge(1000);
        Assert.Equal(2UL, log.AckedSequence);
        Append(log, 3);
        Assert.Equal(new[] { 3UL }, Sequences(log));
    }

    [Fact]
    public void AfterARebootAtMostTheAckPersistIntervalIsSentAgain()
    {
        var store = new MemoryRecordStore();
        var log = new OutboxLog(store, SmallOptions(maxSegments: 10, ackPersistInterval: 8));
        for (ulong sequence = 1; sequence <= 30; sequence++)
        {
            Append(log, sequence);
        }

        int replacesBefore = store.Replaces;
        for (ulong acked = 1; acked <= 21; acked++)
        {
            log.Acknowledge(acked);
        }

        Assert.Equal(2, store.Replaces - replacesBefore); // at 8 and 16, not at every ack

        var rebooted = new OutboxLog(store.Reboot(), SmallOptions(maxSegments: 10, ackPersistInterval: 8));
        Assert.Equal(16UL, rebooted.AckedSequence);
        ulong[] resent = Sequences(rebooted);
        Assert.Equal(Enumerable.Range(17, 14).Select(i => (ulong)i), resent); // 17..21 again: at-least-once
        Assert.True(resent.Count(s => s <= 21) < 8);
    }

    [Fact]
    public void TheSamplerAndTheSessionCanUseItAtOnce()
    {
        // Real threads, no sleeping: one appends, the other replays and acks what it has read, until all is acked.
        var log = new OutboxLog(new MemoryRecordStore(), SmallOptions(maxSegments: 20, ackPersistInterval: 16));
        const int Frames = 3000;
        var received = new List<ulong>();
        Exception? failure = null;
        var session = new Thread(() =>
        {
            try
            {
                var buffer = new byte[2048];
                ulong after = 0;
                while (after < Frames)
                {
                    int length = log.ReadAfter(after, buffer, 0, out ulong sequence);
                    if (length == 0)
                    {
                        Thread.Yield();
                        continue;
                    }

                    Assert.Equal(Message(sequence, LengthFor(sequence)), buffer.AsSpan(0, length).ToArray());
                    received.Add(sequence);
                    after = sequence;
                    if (sequence % 5 == 0)
                    {
                        log.Acknowledge(sequence);
                    }
                }

                log.Acknowledge(after);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        session.Start();
        for (ulong sequence = 1; sequence <= Frames; sequence++)
        {
            while (log.Depth > 100 && failure == null)
            {
                Thread.Yield(); // stay within the outbox: this test is about sharing it, not overflowing it
            }

            Append(log, sequence);
        }

        session.Join();
        Assert.Equal(0, log.DroppedRecords);
        Assert.Null(failure);
        Assert.Equal(Enumerable.Range(1, Frames).Select(i => (ulong)i), received);
        Assert.Equal(0, log.Depth);
        Assert.Equal(1, log.SegmentCount);
    }

    [Fact]
    public void ReplayingAppendingAndAcknowledgingAllocateNothing()
    {
        var store = new MemoryRecordStore();
        var log = new OutboxLog(store, SmallOptions(maxSegments: 6, ackPersistInterval: 16));
        var buffer = new byte[2048];
        byte[] message = Message(1, 200);
        ulong next = 1;
        ulong sent = 0;
        Cycle(500); // warm up: the store's buffers, the JIT

        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(3000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Cycle(int rounds)
        {
            for (int i = 0; i < rounds; i++)
            {
                log.Append(next++, message, 0, message.Length);
                while (log.ReadAfter(sent, buffer, 0, out ulong sequence) > 0)
                {
                    sent = sequence;
                }

                _ = log.Depth;
                if (i % 7 == 0)
                {
                    log.Acknowledge(sent - 3);
                }
            }
        }
    }
}
