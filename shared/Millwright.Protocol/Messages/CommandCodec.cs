using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Messages;

/// <summary>Command payload: {1: 4, 2: device id, 12: command id, 13: not-after µs, 14: actuator, 15: action, 16: value}.</summary>
public static class CommandCodec
{
    private const ulong Required =
        (1UL << MessageKeys.DeviceId) | (1UL << MessageKeys.CommandId) | (1UL << MessageKeys.NotAfterMicros) |
        (1UL << MessageKeys.ActuatorId) | (1UL << MessageKeys.Action) | (1UL << MessageKeys.Value);

    public static void Encode(Command command, CborWriter writer)
    {
        writer.WriteMapHeader(7);
        writer.WriteInt32(MessageKeys.Type);
        writer.WriteInt32((int)MessageType.Command);
        writer.WriteInt32(MessageKeys.DeviceId);
        writer.WriteTextString(command.DeviceId);
        writer.WriteInt32(MessageKeys.CommandId);
        writer.WriteUInt64(command.CommandId);
        writer.WriteInt32(MessageKeys.NotAfterMicros);
        writer.WriteInt64(command.NotAfterMicros);
        writer.WriteInt32(MessageKeys.ActuatorId);
        writer.WriteInt32(command.ActuatorId);
        writer.WriteInt32(MessageKeys.Action);
        writer.WriteInt32((int)command.Action);
        writer.WriteInt32(MessageKeys.Value);
        writer.WriteSingle(command.Value);
    }

    public static Command Decode(byte[] payload, int offset, int count)
    {
        var reader = new CborReader(payload, offset, count);
        var command = new Command();
        int pairs = PayloadReader.Begin(reader, MessageType.Command);
        ulong seen = 0;
        for (int i = 0; i < pairs; i++)
        {
            int key = PayloadReader.ReadKey(reader);
            switch (key)
            {
                case MessageKeys.DeviceId: command.DeviceId = PayloadReader.ReadDeviceId(reader, command.DeviceId); break;
                case MessageKeys.CommandId: command.CommandId = PayloadReader.ReadSequence(reader, "command id"); break;
                case MessageKeys.NotAfterMicros: command.NotAfterMicros = PayloadReader.ReadTime(reader, "not-after"); break;
                case MessageKeys.ActuatorId: command.ActuatorId = PayloadReader.ReadBoundedInt(reader, "actuator id", 0, 65535); break;
                case MessageKeys.Action: command.Action = (CommandAction)PayloadReader.ReadBoundedInt(reader, "action", 1, 4); break;
                case MessageKeys.Value: command.Value = ReadFiniteValue(reader); break;
                default: reader.SkipValue(); break;
            }

            if (key >= 0)
            {
                seen |= PayloadReader.Bit(key);
            }
        }

        reader.Finish();
        PayloadReader.Require(seen, Required, "command");
        return command;
    }

    // A NaN compares false with every limit, so it would slip past a device's range interlock; infinities are no
    // actuator setting either. Refused here, before any interlock sees them.
    private static float ReadFiniteValue(CborReader reader)
    {
        float value = PayloadReader.ReadFloat(reader, "value");
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            throw new ProtocolException(ProtocolError.MessageInvalidField, "command value must be a finite number");
        }

        return value;
    }
}
