using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Messages;

/// <summary>
/// Frame payload: {1: 1, 2: device id, 3: boot counter, 4: seq, 5: time µs, 6: time quality,
/// 7: [[channel, offset µs, value], ...]}. Encoding allocates nothing.
/// </summary>
public static class FrameCodec
{
    private const ulong Required =
        (1UL << MessageKeys.DeviceId) | (1UL << MessageKeys.BootCounter) | (1UL << MessageKeys.Sequence) |
        (1UL << MessageKeys.TimeMicros) | (1UL << MessageKeys.TimeQuality) | (1UL << MessageKeys.Samples);

    public static void Encode(Frame frame, CborWriter writer)
    {
        writer.WriteMapHeader(7);
        writer.WriteInt32(MessageKeys.Type);
        writer.WriteInt32((int)MessageType.Frame);
        writer.WriteInt32(MessageKeys.DeviceId);
        writer.WriteTextString(frame.DeviceId);
        writer.WriteInt32(MessageKeys.BootCounter);
        writer.WriteUInt64(frame.BootCounter);
        writer.WriteInt32(MessageKeys.Sequence);
        writer.WriteUInt64(frame.Sequence);
        writer.WriteInt32(MessageKeys.TimeMicros);
        writer.WriteInt64(frame.TimeMicros);
        writer.WriteInt32(MessageKeys.TimeQuality);
        writer.WriteInt32((int)frame.TimeQuality);
        writer.WriteInt32(MessageKeys.Samples);
        writer.WriteArrayHeader(frame.SampleCount);
        for (int i = 0; i < frame.SampleCount; i++)
        {
            writer.WriteArrayHeader(3);
            writer.WriteInt32(frame.ChannelIds[i]);
            writer.WriteInt32(frame.OffsetsMicros[i]);
            writer.WriteSingle(frame.Values[i]);
        }
    }

    public static Frame Decode(byte[] payload, int offset, int count)
    {
        var frame = new Frame();
        var reader = new CborReader(payload, offset, count);
        DecodeInto(reader, frame);
        reader.Finish();
        return frame;
    }

    public static void DecodeInto(CborReader reader, Frame frame)
    {
        int pairs = PayloadReader.Begin(reader, MessageType.Frame);
        ulong seen = 0;
        frame.ClearSamples();
        for (int i = 0; i < pairs; i++)
        {
            int key = PayloadReader.ReadKey(reader);
            switch (key)
            {
                case MessageKeys.DeviceId:
                    frame.DeviceId = PayloadReader.ReadDeviceId(reader, frame.DeviceId);
                    break;
                case MessageKeys.BootCounter:
                    frame.BootCounter = PayloadReader.ReadUInt32(reader, "boot counter");
                    break;
                case MessageKeys.Sequence:
                    frame.Sequence = PayloadReader.ReadSequence(reader, "sequence");
                    break;
                case MessageKeys.TimeMicros:
                    frame.TimeMicros = PayloadReader.ReadTime(reader, "time");
                    break;
                case MessageKeys.TimeQuality:
                    frame.TimeQuality = (TimeQuality)PayloadReader.ReadBoundedInt(reader, "time quality", 0, 2);
                    break;
                case MessageKeys.Samples:
                    ReadSamples(reader, frame);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }

            if (key >= 0)
            {
                seen |= PayloadReader.Bit(key);
            }
        }

        PayloadReader.Require(seen, Required, "frame");
    }

    private static void ReadSamples(CborReader reader, Frame frame)
    {
        int count = PayloadReader.ReadListHeader(reader, "samples", frame.ChannelIds.Length);
        for (int i = 0; i < count; i++)
        {
            if (PayloadReader.ReadListHeader(reader, "sample", 3) != 3)
            {
                throw new ProtocolException(ProtocolError.MessageInvalidField, "a sample is [channel, offset, value]");
            }

            int channel = PayloadReader.ReadBoundedInt(reader, "channel id", 0, 65535);
            int offset = PayloadReader.ReadBoundedInt(reader, "sample offset", int.MinValue, int.MaxValue);
            float value = PayloadReader.ReadFloat(reader, "sample value");
            frame.AddSample(channel, offset, value);
        }
    }
}
