using Millwright.Protocol.Messages;
using SysCbor = System.Formats.Cbor;

namespace Millwright.Protocol.Tests.Messages;

/// <summary>
/// Writes message payloads field by field with System.Formats.Cbor, independently of our codecs, so tests can drop,
/// change or add single fields. Keys come out in the deterministic order (RFC 8949 §4.2.1: bytewise, which for
/// integers is unsigned ascending, then negative from -1 down).
/// </summary>
internal sealed class PayloadBuilder
{
    private readonly SortedDictionary<long, Action<SysCbor.CborWriter>> _fields = new(Comparer<long>.Create(CompareKeys));

    public int Count => _fields.Count;

    public PayloadBuilder Set(long key, Action<SysCbor.CborWriter> write)
    {
        _fields[key] = write;
        return this;
    }

    public PayloadBuilder UInt(long key, ulong value) => Set(key, w => w.WriteUInt64(value));

    public PayloadBuilder Int(long key, long value) => Set(key, w => w.WriteInt64(value));

    public PayloadBuilder Text(long key, string value) => Set(key, w => w.WriteTextString(value));

    public PayloadBuilder Bool(long key, bool value) => Set(key, w => w.WriteBoolean(value));

    public PayloadBuilder Float(long key, float value) => Set(key, w => WriteShortestFloat(w, value));

    public PayloadBuilder Remove(long key)
    {
        _fields.Remove(key);
        return this;
    }

    public byte[] Encode()
    {
        var writer = new SysCbor.CborWriter(SysCbor.CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: false);
        writer.WriteStartMap(_fields.Count);
        foreach (KeyValuePair<long, Action<SysCbor.CborWriter>> field in _fields)
        {
            writer.WriteInt64(field.Key);
            field.Value(writer);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>
    /// RFC 8949 §4.2.1 preferred serialization of a float: half precision when it keeps the value; NaN as the one
    /// deterministic encoding 0xf97e00 (§4.2.2; .NET's Half.NaN has the sign bit set).
    /// </summary>
    public static void WriteShortestFloat(SysCbor.CborWriter writer, float value)
    {
        if (float.IsNaN(value))
        {
            writer.WriteEncodedValue(new byte[] { 0xf9, 0x7e, 0x00 });
        }
        else if ((float)(Half)value == value)
        {
            writer.WriteHalf((Half)value);
        }
        else
        {
            writer.WriteSingle(value);
        }
    }

    private static int CompareKeys(long left, long right)
    {
        int leftMajor = left >= 0 ? 0 : 1;
        int rightMajor = right >= 0 ? 0 : 1;
        if (leftMajor != rightMajor)
        {
            return leftMajor - rightMajor;
        }

        ulong leftArgument = left >= 0 ? (ulong)left : (ulong)(-1 - left);
        ulong rightArgument = right >= 0 ? (ulong)right : (ulong)(-1 - right);
        return leftArgument.CompareTo(rightArgument);
    }

    // The valid payload of each sample message of TestDevice, written from the schema in docs/protocol.md.
    public static PayloadBuilder For(MessageType type) => type switch
    {
        MessageType.Frame => FrameFields(TestDevice.Frame()),
        MessageType.Gap => GapFields(TestDevice.Gap()),
        MessageType.Ack => AckFields(TestDevice.Ack()),
        MessageType.Command => CommandFields(TestDevice.Command()),
        MessageType.CommandResult => CommandResultFields(TestDevice.CommandResult()),
        MessageType.Status => StatusFields(TestDevice.Status()),
        MessageType.ControllerState => new PayloadBuilder().UInt(1, 7).UInt(5, 1_767_225_600_000_000).Bool(19, true),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static PayloadBuilder FrameFields(Frame frame)
    {
        return new PayloadBuilder()
            .UInt(1, 1).Text(2, frame.DeviceId).UInt(3, frame.BootCounter).UInt(4, frame.Sequence)
            .Int(5, frame.TimeMicros).UInt(6, (ulong)frame.TimeQuality)
            .Set(7, w => WriteSamples(w, frame));
    }

    public static void WriteSamples(SysCbor.CborWriter writer, Frame frame)
    {
        writer.WriteStartArray(frame.SampleCount);
        for (int i = 0; i < frame.SampleCount; i++)
        {
            writer.WriteStartArray(3);
            writer.WriteInt64(frame.ChannelIds[i]);
            writer.WriteInt64(frame.OffsetsMicros[i]);
            WriteShortestFloat(writer, frame.Values[i]);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    public static PayloadBuilder GapFields(GapRecord gap) => new PayloadBuilder()
        .UInt(1, 2).Text(2, gap.DeviceId).UInt(3, gap.BootCounter).UInt(4, gap.Sequence).Int(5, gap.TimeMicros)
        .UInt(6, (ulong)gap.TimeQuality).UInt(8, gap.FirstDropped).UInt(9, gap.LastDropped).UInt(10, (ulong)gap.Reason);

    public static PayloadBuilder AckFields(Ack ack) => new PayloadBuilder()
        .UInt(1, 3).Text(2, ack.DeviceId).Int(5, ack.ControllerTimeMicros).UInt(11, ack.AckedSequence);

    public static PayloadBuilder CommandFields(Command command) => new PayloadBuilder()
        .UInt(1, 4).Text(2, command.DeviceId).UInt(12, command.CommandId).Int(13, command.NotAfterMicros)
        .Int(14, command.ActuatorId).Int(15, (int)command.Action).Float(16, command.Value);

    public static PayloadBuilder CommandResultFields(CommandResult result) => new PayloadBuilder()
        .UInt(1, 5).Text(2, result.DeviceId).Int(5, result.TimeMicros).UInt(12, result.CommandId).Int(14, result.ActuatorId)
        .Float(16, result.Value).Int(17, (int)result.Outcome).Text(18, result.Detail);

    public static PayloadBuilder StatusFields(StatusMessage status) => new PayloadBuilder()
        .UInt(1, 6).Text(2, status.DeviceId).UInt(3, status.BootCounter).Int(5, status.TimeMicros)
        .UInt(6, (ulong)status.TimeQuality).Bool(19, status.Online).Text(20, status.FirmwareVersion).Text(21, status.Board)
        .Set(22, w =>
        {
            w.WriteStartArray(status.Channels.Length);
            foreach (int channel in status.Channels)
            {
                w.WriteInt64(channel);
            }

            w.WriteEndArray();
        })
        .UInt(23, status.UptimeSeconds).UInt(24, status.FreeMemoryBytes).Int(25, status.Rssi)
        .UInt(26, status.OutboxDepth).UInt(27, status.OutboxDrops).Text(28, status.ResetReason)
        .Set(29, w =>
        {
            w.WriteStartArray(status.FailedComponents.Length);
            foreach (string name in status.FailedComponents)
            {
                w.WriteTextString(name);
            }

            w.WriteEndArray();
        });

    /// <summary>The schema: the keys each message type requires besides its type (key 1).</summary>
    public static int[] RequiredKeys(MessageType type) => type switch
    {
        MessageType.Frame => [2, 3, 4, 5, 6, 7],
        MessageType.Gap => [2, 3, 4, 5, 6, 8, 9, 10],
        MessageType.Ack => [2, 5, 11],
        MessageType.Command => [2, 12, 13, 14, 15, 16],
        MessageType.CommandResult => [2, 5, 12, 14, 16, 17, 18],
        MessageType.Status => [2, 3, 5, 6, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29],
        MessageType.ControllerState => [5, 19],
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
