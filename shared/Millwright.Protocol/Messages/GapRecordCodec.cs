using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Messages;

/// <summary>Gap payload: {1: 2, 2: device id, 3: boot, 4: seq, 5: time µs, 6: quality, 8: first, 9: last, 10: reason}.</summary>
public static class GapRecordCodec
{
    private const ulong Required =
        (1UL << MessageKeys.DeviceId) | (1UL << MessageKeys.BootCounter) | (1UL << MessageKeys.Sequence) |
        (1UL << MessageKeys.TimeMicros) | (1UL << MessageKeys.TimeQuality) | (1UL << MessageKeys.GapFirst) |
        (1UL << MessageKeys.GapLast) | (1UL << MessageKeys.GapReason);

    public static void Encode(GapRecord gap, CborWriter writer)
    {
        writer.WriteMapHeader(9);
        writer.WriteInt32(MessageKeys.Type);
        writer.WriteInt32((int)MessageType.Gap);
        writer.WriteInt32(MessageKeys.DeviceId);
        writer.WriteTextString(gap.DeviceId);
        writer.WriteInt32(MessageKeys.BootCounter);
        writer.WriteUInt64(gap.BootCounter);
        writer.WriteInt32(MessageKeys.Sequence);
        writer.WriteUInt64(gap.Sequence);
        writer.WriteInt32(MessageKeys.TimeMicros);
        writer.WriteInt64(gap.TimeMicros);
        writer.WriteInt32(MessageKeys.TimeQuality);
        writer.WriteInt32((int)gap.TimeQuality);
        writer.WriteInt32(MessageKeys.GapFirst);
        writer.WriteUInt64(gap.FirstDropped);
        writer.WriteInt32(MessageKeys.GapLast);
        writer.WriteUInt64(gap.LastDropped);
        writer.WriteInt32(MessageKeys.GapReason);
        writer.WriteInt32((int)gap.Reason);
    }

    public static GapRecord Decode(byte[] payload, int offset, int count)
    {
        var reader = new CborReader(payload, offset, count);
        var gap = new GapRecord();
        int pairs = PayloadReader.Begin(reader, MessageType.Gap);
        ulong seen = 0;
        for (int i = 0; i < pairs; i++)
        {
            int key = PayloadReader.ReadKey(reader);
            switch (key)
            {
                case MessageKeys.DeviceId: gap.DeviceId = PayloadReader.ReadDeviceId(reader, gap.DeviceId); break;
                case MessageKeys.BootCounter: gap.BootCounter = PayloadReader.ReadUInt32(reader, "boot counter"); break;
                case MessageKeys.Sequence: gap.Sequence = PayloadReader.ReadSequence(reader, "sequence"); break;
                case MessageKeys.TimeMicros: gap.TimeMicros = PayloadReader.ReadTime(reader, "time"); break;
                case MessageKeys.TimeQuality: gap.TimeQuality = (TimeQuality)PayloadReader.ReadBoundedInt(reader, "time quality", 0, 2); break;
                case MessageKeys.GapFirst: gap.FirstDropped = PayloadReader.ReadSequence(reader, "first dropped"); break;
                case MessageKeys.GapLast: gap.LastDropped = PayloadReader.ReadSequence(reader, "last dropped"); break;
                case MessageKeys.GapReason: gap.Reason = (GapReason)PayloadReader.ReadBoundedInt(reader, "gap reason", 1, 255); break;
                default: reader.SkipValue(); break;
            }

            if (key >= 0)
            {
                seen |= PayloadReader.Bit(key);
            }
        }

        reader.Finish();
        PayloadReader.Require(seen, Required, "gap record");
        if (gap.FirstDropped > gap.LastDropped || gap.LastDropped >= gap.Sequence)
        {
            throw new ProtocolException(ProtocolError.MessageInvalidField, "gap range must satisfy first <= last < the record's own sequence");
        }

        return gap;
    }
}
