using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Messages;

/// <summary>Ack payload: {1: 3, 2: device id, 5: controller time µs, 11: acked seq}.</summary>
public static class AckCodec
{
    private const ulong Required = (1UL << MessageKeys.DeviceId) | (1UL << MessageKeys.TimeMicros) | (1UL << MessageKeys.AckedSequence);

    public static void Encode(Ack ack, CborWriter writer)
    {
        writer.WriteMapHeader(4);
        writer.WriteInt32(MessageKeys.Type);
        writer.WriteInt32((int)MessageType.Ack);
        writer.WriteInt32(MessageKeys.DeviceId);
        writer.WriteTextString(ack.DeviceId);
        writer.WriteInt32(MessageKeys.TimeMicros);
        writer.WriteInt64(ack.ControllerTimeMicros);
        writer.WriteInt32(MessageKeys.AckedSequence);
        writer.WriteUInt64(ack.AckedSequence);
    }

    public static Ack Decode(byte[] payload, int offset, int count)
    {
        var ack = new Ack();
        var reader = new CborReader(payload, offset, count);
        DecodeInto(reader, ack);
        reader.Finish();
        return ack;
    }

    public static void DecodeInto(CborReader reader, Ack ack)
    {
        int pairs = PayloadReader.Begin(reader, MessageType.Ack);
        ulong seen = 0;
        for (int i = 0; i < pairs; i++)
        {
            int key = PayloadReader.ReadKey(reader);
            switch (key)
            {
                case MessageKeys.DeviceId: ack.DeviceId = PayloadReader.ReadDeviceId(reader, ack.DeviceId); break;
                case MessageKeys.TimeMicros: ack.ControllerTimeMicros = PayloadReader.ReadTime(reader, "controller time"); break;
                case MessageKeys.AckedSequence:
                    ulong acked = PayloadReader.ReadUInt(reader, "acked sequence");
                    if (acked > long.MaxValue)
                    {
                        throw new ProtocolException(ProtocolError.MessageInvalidField, "acked sequence out of range");
                    }

                    ack.AckedSequence = acked;
                    break;
                default: reader.SkipValue(); break;
            }

            if (key >= 0)
            {
                seen |= PayloadReader.Bit(key);
            }
        }

        PayloadReader.Require(seen, Required, "ack");
    }
}
