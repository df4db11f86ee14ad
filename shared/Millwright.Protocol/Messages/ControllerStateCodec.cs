using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Messages;

/// <summary>
/// Controller state payload, published retained and unsigned on mw/v1/{p}/$controller/state:
/// {1: 7, 5: controller time µs, 19: online}. It is shared by every device, so no device key can sign it; the
/// broker's ACL lets only the controller publish it. A device only ever acts on it in the safe direction
/// (offline → actuators to their safe state); leaving the safe state needs a new signed command.
/// </summary>
public static class ControllerStateCodec
{
    private const ulong Required = (1UL << MessageKeys.TimeMicros) | (1UL << MessageKeys.Online);

    public static void Encode(bool online, long controllerTimeMicros, CborWriter writer)
    {
        writer.WriteMapHeader(3);
        writer.WriteInt32(MessageKeys.Type);
        writer.WriteInt32((int)MessageType.ControllerState);
        writer.WriteInt32(MessageKeys.TimeMicros);
        writer.WriteInt64(controllerTimeMicros);
        writer.WriteInt32(MessageKeys.Online);
        writer.WriteBoolean(online);
    }

    /// <summary>Returns whether the controller says it is online.</summary>
    public static bool DecodeOnline(byte[] payload, int offset, int count)
    {
        var reader = new CborReader(payload, offset, count);
        int pairs = PayloadReader.Begin(reader, MessageType.ControllerState);
        ulong seen = 0;
        bool online = false;
        for (int i = 0; i < pairs; i++)
        {
            int key = PayloadReader.ReadKey(reader);
            switch (key)
            {
                case MessageKeys.TimeMicros: PayloadReader.ReadTime(reader, "controller time"); break;
                case MessageKeys.Online: online = PayloadReader.ReadBool(reader, "online"); break;
                default: reader.SkipValue(); break;
            }

            if (key >= 0)
            {
                seen |= PayloadReader.Bit(key);
            }
        }

        reader.Finish();
        PayloadReader.Require(seen, Required, "controller state");
        return online;
    }
}
