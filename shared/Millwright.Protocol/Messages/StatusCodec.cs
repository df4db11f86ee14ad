using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Messages;

/// <summary>
/// Status payload: {1: 6, 2: device id, 3: boot, 5: time µs, 6: time quality, 19: online, 20: firmware,
/// 21: board, 22: [channel ids], 23: uptime s, 24: free memory, 25: rssi, 26: outbox depth, 27: outbox drops,
/// 28: reset reason, 29: [failed components]}. All fields are required.
/// </summary>
public static class StatusCodec
{
    private const ulong Required =
        (1UL << MessageKeys.DeviceId) | (1UL << MessageKeys.BootCounter) | (1UL << MessageKeys.TimeMicros) |
        (1UL << MessageKeys.TimeQuality) | (1UL << MessageKeys.Online) | (1UL << MessageKeys.FirmwareVersion) |
        (1UL << MessageKeys.Board) | (1UL << MessageKeys.Channels) | (1UL << MessageKeys.UptimeSeconds) |
        (1UL << MessageKeys.FreeMemoryBytes) | (1UL << MessageKeys.Rssi) | (1UL << MessageKeys.OutboxDepth) |
        (1UL << MessageKeys.OutboxDrops) | (1UL << MessageKeys.ResetReason) | (1UL << MessageKeys.FailedComponents);

    public static void Encode(StatusMessage status, CborWriter writer)
    {
        writer.WriteMapHeader(16);
        writer.WriteInt32(MessageKeys.Type);
        writer.WriteInt32((int)MessageType.Status);
        writer.WriteInt32(MessageKeys.DeviceId);
        writer.WriteTextString(status.DeviceId);
        writer.WriteInt32(MessageKeys.BootCounter);
        writer.WriteUInt64(status.BootCounter);
        writer.WriteInt32(MessageKeys.TimeMicros);
        writer.WriteInt64(status.TimeMicros);
        writer.WriteInt32(MessageKeys.TimeQuality);
        writer.WriteInt32((int)status.TimeQuality);
        writer.WriteInt32(MessageKeys.Online);
        writer.WriteBoolean(status.Online);
        writer.WriteInt32(MessageKeys.FirmwareVersion);
        writer.WriteTextString(status.FirmwareVersion);
        writer.WriteInt32(MessageKeys.Board);
        writer.WriteTextString(status.Board);
        writer.WriteInt32(MessageKeys.Channels);
        writer.WriteArrayHeader(status.Channels.Length);
        for (int i = 0; i < status.Channels.Length; i++)
        {
            writer.WriteInt32(status.Channels[i]);
        }

        writer.WriteInt32(MessageKeys.UptimeSeconds);
        writer.WriteUInt64(status.UptimeSeconds);
        writer.WriteInt32(MessageKeys.FreeMemoryBytes);
        writer.WriteUInt64(status.FreeMemoryBytes);
        writer.WriteInt32(MessageKeys.Rssi);
        writer.WriteInt32(status.Rssi);
        writer.WriteInt32(MessageKeys.OutboxDepth);
        writer.WriteUInt64(status.OutboxDepth);
        writer.WriteInt32(MessageKeys.OutboxDrops);
        writer.WriteUInt64(status.OutboxDrops);
        writer.WriteInt32(MessageKeys.ResetReason);
        writer.WriteTextString(status.ResetReason);
        writer.WriteInt32(MessageKeys.FailedComponents);
        writer.WriteArrayHeader(status.FailedComponents.Length);
        for (int i = 0; i < status.FailedComponents.Length; i++)
        {
            writer.WriteTextString(status.FailedComponents[i]);
        }
    }

    public static StatusMessage Decode(byte[] payload, int offset, int count)
    {
        var reader = new CborReader(payload, offset, count);
        var status = new StatusMessage();
        int pairs = PayloadReader.Begin(reader, MessageType.Status);
        ulong seen = 0;
        for (int i = 0; i < pairs; i++)
        {
            int key = PayloadReader.ReadKey(reader);
            switch (key)
            {
                case MessageKeys.DeviceId: status.DeviceId = PayloadReader.ReadDeviceId(reader, status.DeviceId); break;
                case MessageKeys.BootCounter: status.BootCounter = PayloadReader.ReadUInt32(reader, "boot counter"); break;
                case MessageKeys.TimeMicros: status.TimeMicros = PayloadReader.ReadTime(reader, "time"); break;
                case MessageKeys.TimeQuality: status.TimeQuality = (TimeQuality)PayloadReader.ReadBoundedInt(reader, "time quality", 0, 2); break;
                case MessageKeys.Online: status.Online = PayloadReader.ReadBool(reader, "online"); break;
                case MessageKeys.FirmwareVersion: status.FirmwareVersion = PayloadReader.ReadText(reader, "firmware version"); break;
                case MessageKeys.Board: status.Board = PayloadReader.ReadText(reader, "board"); break;
                case MessageKeys.Channels: status.Channels = ReadChannels(reader); break;
                case MessageKeys.UptimeSeconds: status.UptimeSeconds = PayloadReader.ReadUInt(reader, "uptime"); break;
                case MessageKeys.FreeMemoryBytes: status.FreeMemoryBytes = PayloadReader.ReadUInt(reader, "free memory"); break;
                case MessageKeys.Rssi: status.Rssi = PayloadReader.ReadBoundedInt(reader, "rssi", -200, 200); break;
                case MessageKeys.OutboxDepth: status.OutboxDepth = PayloadReader.ReadUInt(reader, "outbox depth"); break;
                case MessageKeys.OutboxDrops: status.OutboxDrops = PayloadReader.ReadUInt(reader, "outbox drops"); break;
                case MessageKeys.ResetReason: status.ResetReason = PayloadReader.ReadText(reader, "reset reason"); break;
                case MessageKeys.FailedComponents: status.FailedComponents = ReadNames(reader); break;
                default: reader.SkipValue(); break;
            }

            if (key >= 0)
            {
                seen |= PayloadReader.Bit(key);
            }
        }

        reader.Finish();
        PayloadReader.Require(seen, Required, "status");
        return status;
    }

    private static int[] ReadChannels(CborReader reader)
    {
        int count = PayloadReader.ReadListHeader(reader, "channels", ProtocolLimits.MaxListItems);
        var channels = new int[count];
        for (int i = 0; i < count; i++)
        {
            channels[i] = PayloadReader.ReadBoundedInt(reader, "channel id", 0, 65535);
        }

        return channels;
    }

    private static string[] ReadNames(CborReader reader)
    {
        int count = PayloadReader.ReadListHeader(reader, "failed components", ProtocolLimits.MaxListItems);
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = PayloadReader.ReadText(reader, "component name");
        }

        return names;
    }
}
