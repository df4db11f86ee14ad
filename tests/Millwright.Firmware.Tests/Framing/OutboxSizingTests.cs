using Millwright.Firmware.Framing;
using Millwright.Firmware.Outbox;
using Millwright.Protocol.Messages;
using static Millwright.Firmware.Tests.Framing.FramingTestData;

namespace Millwright.Firmware.Tests.Framing;

/// <summary>
/// Measures what docs/firmware.md "Outbox and sequence numbers" states: the signed size of a typical 6-channel frame,
/// its record on flash, and the outage the default outbox covers. If a number here changes, change the doc.
/// </summary>
public class OutboxSizingTests
{
    private readonly SignedMessageWriter _writer = new(Keys.DeviceMessageKey, Keys.KeyId);
    private readonly byte[] _buffer = new byte[ProtocolLimits.MaxMessageBytes];

    [Fact]
    public void ATypicalSixChannelFrameIs149BytesSignedAnd169OnFlash()
    {
        Frame frame = TypicalFrame();
        frame.BootCounter = 12;
        frame.Sequence = 1_000_000; // a 5-byte CBOR integer: from 65,536 to 4,294,967,295 (136 years at 1 s)
        int signed = _writer.WriteFrame(frame, _buffer, 0);
        Assert.Equal(149, signed);
        Assert.Equal(169, signed + OutboxRecordFormat.OverheadBytes);

        var verifier = new MessageVerifier(Keys.DeviceMessageKey, Keys.KeyId);
        verifier.Verify(_buffer, 0, signed);
        Assert.Equal(96, verifier.Message.PayloadLength); // the rest, 53 bytes, is COSE_Mac0
    }

    [Fact]
    public void TheLargestSixChannelFrameIs205BytesSigned()
    {
        // 32-character device id, boot count and sequence past 2^32, offsets and time at their widest CBOR encodings.
        var frame = new Frame(6)
        {
            DeviceId = new string('d', 32),
            BootCounter = uint.MaxValue,
            Sequence = ulong.MaxValue,
            TimeMicros = long.MaxValue,
            TimeQuality = TimeQuality.Controller,
        };
        for (int channel = 0; channel < 6; channel++)
        {
            frame.AddSample(65535, int.MinValue, 1.2345678f);
        }

        Assert.Equal(205, _writer.WriteFrame(frame, _buffer, 0));
    }

    [Fact]
    public void TheDefaultOutboxHolds960TypicalFramesBeforeItDropsAny()
    {
        var options = new OutboxOptions();
        Assert.Equal(16_368, options.SegmentBytes);
        Assert.Equal(10, options.MaxSegments);
        int perSegment = options.SegmentBytes / 169; // records never span segments
        Assert.Equal(96, perSegment);
        int frames = perSegment * options.MaxSegments;
        Assert.Equal(960, frames);

        // The outage covered without a drop, per sampling period (docs table).
        Assert.Equal(TimeSpan.FromMinutes(16), TimeSpan.FromSeconds(frames * 1));
        Assert.Equal(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(40), TimeSpan.FromSeconds(frames * 10));
        Assert.Equal(TimeSpan.FromHours(16), TimeSpan.FromSeconds(frames * 60));
    }

    [Fact]
    public void TheCountIsRealNotJustArithmetic()
    {
        // Fill a default outbox with typical frames (numbers from 1,000,000) and no ack: frame 961 makes the first drop.
        var store = new Fakes.MemoryRecordStore();
        var earlier = new OutboxLog(store, new OutboxOptions()); // earlier boots stored and got acked up to 999,999
        earlier.Append(999_999, new byte[10], 0, 10);
        earlier.Acknowledge(999_999);
        var outbox = new OutboxLog(store.Reboot(), new OutboxOptions());
        var pipeline = new FramePipeline(Keys.DeviceMessageKey, Keys.KeyId, new SequenceAllocator(store, 1000, 999_999), outbox, 12);
        Frame frame = TypicalFrame();
        for (int i = 0; i < 960; i++)
        {
            pipeline.Append(frame);
        }

        Assert.Equal(0, pipeline.Outbox.DroppedRecords);
        Assert.Equal(960, pipeline.Outbox.Depth);
        Assert.Equal(10, pipeline.Outbox.SegmentCount);
        pipeline.Append(frame);
        Assert.Equal(96, pipeline.Outbox.DroppedRecords);
        Assert.Equal(1, pipeline.GapRecordsAppended);
    }

    [Fact]
    public void AGapRecordIs105BytesSigned()
    {
        var gap = new GapRecord
        {
            DeviceId = "line2-press07", BootCounter = 12, Sequence = 1_000_961, TimeMicros = January2026Micros,
            TimeQuality = TimeQuality.Sntp, FirstDropped = 1_000_001, LastDropped = 1_000_096, Reason = GapReason.OutboxOverflow,
        };
        Assert.Equal(105, _writer.WriteGap(gap, _buffer, 0));
    }
}
