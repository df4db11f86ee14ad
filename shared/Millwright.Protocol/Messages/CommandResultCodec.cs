using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Messages;

/// <summary>Result payload: {1: 5, 2: device id, 5: time µs, 12: command id, 14: actuator, 16: value, 17: outcome, 18: detail}.</summary>
public static class CommandResultCodec
{
    private const ulong Required =
        (1UL << MessageKeys.DeviceId) | (1UL << MessageKeys.TimeMicros) | (1UL << MessageKeys.CommandId) |
        (1UL << MessageKeys.ActuatorId) | (1UL << MessageKeys.Value) | (1UL << MessageKeys.Outcome) | (1UL << MessageKeys.Detail);

    public static void Encode(CommandResult result, CborWriter writer)
    {
        writer.WriteMapHeader(8);
        writer.WriteInt32(MessageKeys.Type);
        writer.WriteInt32((int)MessageType.CommandResult);
        writer.WriteInt32(MessageKeys.DeviceId);
        writer.WriteTextString(result.DeviceId);
        writer.WriteInt32(MessageKeys.TimeMicros);
        writer.WriteInt64(result.TimeMicros);
        writer.WriteInt32(MessageKeys.CommandId);
        writer.WriteUInt64(result.CommandId);
        writer.WriteInt32(MessageKeys.ActuatorId);
        writer.WriteInt32(result.ActuatorId);
        writer.WriteInt32(MessageKeys.Value);
        writer.WriteSingle(result.Value);
        writer.WriteInt32(MessageKeys.Outcome);
        writer.WriteInt32((int)result.Outcome);
        writer.WriteInt32(MessageKeys.Detail);
        writer.WriteTextString(result.Detail == null ? string.Empty : result.Detail);
    }

    public static CommandResult Decode(byte[] payload, int offset, int count)
    {
        var reader = new CborReader(payload, offset, count);
        var result = new CommandResult();
        int pairs = PayloadReader.Begin(reader, MessageType.CommandResult);
        ulong seen = 0;
        for (int i = 0; i < pairs; i++)
        {
            int key = PayloadReader.ReadKey(reader);
            switch (key)
            {
                case MessageKeys.DeviceId: result.DeviceId = PayloadReader.ReadDeviceId(reader, result.DeviceId); break;
                case MessageKeys.TimeMicros: result.TimeMicros = PayloadReader.ReadTime(reader, "time"); break;
                case MessageKeys.CommandId: result.CommandId = PayloadReader.ReadSequence(reader, "command id"); break;
                case MessageKeys.ActuatorId: result.ActuatorId = PayloadReader.ReadBoundedInt(reader, "actuator id", 0, 65535); break;
                case MessageKeys.Value: result.Value = PayloadReader.ReadFloat(reader, "value"); break;
                case MessageKeys.Outcome: result.Outcome = (CommandOutcome)PayloadReader.ReadBoundedInt(reader, "outcome", 0, 5); break;
                case MessageKeys.Detail: result.Detail = PayloadReader.ReadText(reader, "detail"); break;
                default: reader.SkipValue(); break;
            }

            if (key >= 0)
            {
                seen |= PayloadReader.Bit(key);
            }
        }

        reader.Finish();
        PayloadReader.Require(seen, Required, "command result");
        return result;
    }
}
