using Millwright.Firmware.Framing;
using Millwright.Firmware.Outbox;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;
using static Millwright.Firmware.Tests.Framing.FramingTestData;

namespace Millwright.Firmware.Tests.Framing;

/// <summary>Sample → encode → sign → append: numbered, signed with the device key, stored, gap records for losses.</summary>
public class FramePipelineTests
{
    [Fact]
    public void AFrameIsNumberedSignedAndStored()
    {
        var store = new MemoryRecordStore();
        FramePipeline pipeline = Start(store);
        Frame frame = TypicalFrame();
        Assert.Equal(1UL, pipeline.Append(frame));
        Assert.Equal(2UL, pipeline.Append(TypicalFrame(January2026Micros + 1_000_000)));

        var messages = VerifiedMessages(pipeline.Outbox);
        Assert.Equal([1UL, 2UL], messages.Select(m => m.Sequence));
        Assert.All(messages, m => Assert.Equal(MessageType.Frame, m.Type));
        Frame decoded = FrameCodec.Decode(messages[0].Payload, 0, messages[0].Payload.Length);
        Assert.Equal(1UL, decoded.Sequence);
        Assert.Equal(1u, decoded.BootCounter);
        Assert.Equal("line2-press07", decoded.DeviceId);
        Assert.Equal(January2026Micros, decoded.TimeMicros);
        Assert.Equal(TimeQuality.Sntp, decoded.TimeQuality);
        Assert.Equal(frame.Values.Take(6), decoded.Values.Take(decoded.SampleCount));
        Assert.Equal(frame.OffsetsMicros.Take(6), decoded.OffsetsMicros.Take(decoded.SampleCount));
    }

    [Fact]
    public void AFrameThatCannotBeEncodedUsesUpNoSequenceNumber()
    {
        var store = new MemoryRecordStore();
        FramePipeline pipeline = Start(store);
        Assert.Equal(1UL, pipeline.Append(TypicalFrame()));

        Frame unencodable = TypicalFrame(January2026Micros + 1_000_000);
        unencodable.DeviceId = new string('x', ProtocolLimits.MaxMessageBytes); // larger than the message buffer
        Assert.Throws<Millwright.Protocol.ProtocolException>(() => pipeline.Append(unencodable));

        Assert.Equal(2UL, pipeline.Append(TypicalFrame(January2026Micros + 2_000_000)));
        Assert.Equal([1UL, 2UL], VerifiedMessages(pipeline.Outbox).Select(m => m.Sequence));
    }

    [Fact]
    public void ZeroAndNegativeZeroSamplesAreEncodedWithTheirSign()
    {
        var store = new MemoryRecordStore();
        FramePipeline pipeline = Start(store);
        Frame frame = TypicalFrame();
        frame.Values[0] = 0f;
        frame.Values[1] = -0f;
        pipeline.Append(frame);

        var message = VerifiedMessages(pipeline.Outbox).Single();
        Frame decoded = FrameCodec.Decode(message.Payload, 0, message.Payload.Length);
        Assert.Equal(0u, BitConverter.SingleToUInt32Bits(decoded.Values[0]));
        Assert.Equal(0x80000000u, BitConverter.SingleToUInt32Bits(decoded.Values[1]));
    }

    [Fact]
    public void EachBootCountsAndNumbersKeepRisingAcrossReboots()
    {
        var store = new MemoryRecordStore();
        FramePipeline first = Start(store, blockSize: 100);
        for (int i = 0; i < 5; i++)
        {
            first.Append(TypicalFrame());
        }

        FramePipeline second = Start(store.Reboot(), blockSize: 100);
        Assert.Equal(2u, second.BootCounter);
        Assert.Equal(101UL, second.Append(TypicalFrame()));
        var messages = VerifiedMessages(second.Outbox);
        var frames = messages.Where(m => m.Type == MessageType.Frame)
            .Select(m => FrameCodec.Decode(m.Payload, 0, m.Payload.Length)).ToList();
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL, 101UL], frames.Select(f => f.Sequence));
        Assert.Equal([1u, 1u, 1u, 1u, 1u, 2u], frames.Select(f => f.BootCounter));

        // The rest of the first boot's block, 6..100, is never used: a gap record says so, so the controller's
        // contiguous ack (protocol.md §7.3) can move on to 101 and beyond.
        (ulong sequence, _, byte[] payload) = Assert.Single(messages, m => m.Type == MessageType.Gap);
        GapRecord gap = GapRecordCodec.Decode(payload, 0, payload.Length);
        Assert.Equal(102UL, sequence);
        Assert.Equal((6UL, 100UL, RestartGap.Reason, 2u), (gap.FirstDropped, gap.LastDropped, gap.Reason, gap.BootCounter));
    }

    [Fact]
    public void AFreshDeviceAndACleanRunWriteNoGapRecord()
    {
        var store = new MemoryRecordStore();
        FramePipeline pipeline = Start(store);
        for (int i = 0; i < 50; i++)
        {
            pipeline.Append(TypicalFrame());
        }

        Assert.Equal(0, pipeline.GapRecordsAppended);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (ulong)i), VerifiedMessages(pipeline.Outbox).Select(m => m.Sequence));
    }

    [Fact]
    public void AnOverflowStoresASignedGapRecordWithItsOwnNumberNamingTheDroppedRange()
    {
        var store = new MemoryRecordStore();
        var options = new OutboxOptions { SegmentBytes = 2 * OutboxRecordFormat.MaxRecordBytes, MaxSegments = 3 };
        FramePipeline pipeline = Start(store, options);
        ulong last = 0;
        while (pipeline.GapRecordsAppended == 0)
        {
            last = pipeline.Append(TypicalFrame());
        }

        var messages = VerifiedMessages(pipeline.Outbox);
        (ulong gapSequence, _, byte[] payload) = Assert.Single(messages, m => m.Type == MessageType.Gap);
        GapRecord gap = GapRecordCodec.Decode(payload, 0, payload.Length);
        Assert.Equal(last + 1, gapSequence); // the frame that overflowed, then its gap record
        Assert.Equal(gapSequence, gap.Sequence);
        Assert.Equal(GapReason.OutboxOverflow, gap.Reason);
        Assert.Equal(1UL, gap.FirstDropped);
        Assert.Equal((ulong)pipeline.Outbox.DroppedRecords, gap.LastDropped);
        Assert.Equal("line2-press07", gap.DeviceId);
        Assert.Equal(1u, gap.BootCounter);
        Assert.Equal(gap.LastDropped + 1, messages[0].Sequence); // everything after the range is still held
        Assert.Equal(Enumerable.Range((int)gap.LastDropped + 1, (int)(gapSequence - gap.LastDropped)).Select(i => (ulong)i),
            messages.Select(m => m.Sequence));
    }

    [Fact]
    public void AfterAFactoryResetTheOutboxIsEmptyAndNumbersGoOnAboveTheOldOnes()
    {
        var store = new MemoryRecordStore();
        FramePipeline before = Start(store, blockSize: 100);
        for (int i = 0; i < 30; i++)
        {
            before.Append(TypicalFrame());
        }

        before.Outbox.Acknowledge(10);
        OutboxLog.Erase(store);
        Assert.Empty(store.List("outbox"));
        Assert.True(store.Exists(SequenceAllocator.FileName));
        Assert.True(store.Exists(BootCounter.FileName));

        FramePipeline after = Start(store.Reboot(), blockSize: 100);
        Assert.Equal(0, after.Outbox.Depth);
        Assert.Equal(101UL, after.Append(TypicalFrame()));
        var messages = VerifiedMessages(after.Outbox);
        Assert.Equal([101UL, 102UL], messages.Select(m => m.Sequence));
        GapRecord gap = GapRecordCodec.Decode(messages[1].Payload, 0, messages[1].Payload.Length);
        Assert.Equal((1UL, 100UL), (gap.FirstDropped, gap.LastDropped)); // the old numbers will never come (again)
    }

    [Fact]
    public void TheSteadyStateFramePathAllocatesNothing()
    {
        // Online: frames are replayed and acked as they go; segments roll over and sequence blocks are reserved on the way.
        var store = new MemoryRecordStore();
        FramePipeline pipeline = Start(store, blockSize: 100);
        var buffer = new byte[ProtocolLimits.MaxMessageBytes];
        Frame frame = TypicalFrame();
        ulong sent = 0;
        Run(500);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(5000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(pipeline.FramesAppended == 5500);

        void Run(int frames)
        {
            for (int i = 0; i < frames; i++)
            {
                frame.TimeMicros += 1_000_000;
                pipeline.Append(frame);
                while (pipeline.Outbox.ReadAfter(sent, buffer, 0, out ulong sequence) > 0)
                {
                    sent = sequence;
                }

                if (i % 10 == 9)
                {
                    pipeline.Outbox.Acknowledge(sent);
                }
            }
        }
    }

    [Fact]
    public void AnOutageThatOverflowsAllocatesNothingEither()
    {
        // Offline: nothing is acked, segments are dropped and gap records written, over and over.
        var store = new MemoryRecordStore();
        var options = new OutboxOptions { SegmentBytes = 2 * OutboxRecordFormat.MaxRecordBytes, MaxSegments = 3 };
        FramePipeline pipeline = Start(store, options, blockSize: 100);
        Frame frame = TypicalFrame();
        for (int i = 0; i < 500; i++)
        {
            pipeline.Append(frame);
        }

        long gaps = pipeline.GapRecordsAppended;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5000; i++)
        {
            pipeline.Append(frame);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(pipeline.GapRecordsAppended - gaps > 100);
    }
}
