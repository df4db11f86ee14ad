using Millwright.Protocol.Cose;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Protocol.Tests.Messages;

/// <summary>
/// The fixed device of the test vectors (secret 0x00..0x1f, device "press-01" in plant "plant-a") and one
/// well-formed message of every type, with the field values docs/protocol.md shows.
/// </summary>
internal static class TestDevice
{
    public const string DeviceId = "press-01";
    public const string PlantId = "plant-a";

    /// <summary>2026-01-01T00:00:00Z in µs since the Unix epoch.</summary>
    public const long BaseTimeMicros = 1_767_225_600_000_000;

    public static byte[] Secret() => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    public static readonly DeviceKeys Keys = new(Secret());

    /// <summary>A different device: its secret is 0x20..0x3f.</summary>
    public static readonly DeviceKeys OtherKeys = new(Enumerable.Range(32, 32).Select(i => (byte)i).ToArray());

    public static SignedMessageWriter DeviceWriter() => new(Keys.DeviceMessageKey, Keys.KeyId);

    public static SignedMessageWriter ControllerWriter() => new(Keys.ControllerMessageKey, Keys.KeyId);

    /// <summary>Verifies what the controller receives (device → controller).</summary>
    public static MessageVerifier ControllerSideVerifier() => new(Keys.DeviceMessageKey, Keys.KeyId);

    /// <summary>Verifies what the device receives (controller → device).</summary>
    public static MessageVerifier DeviceSideVerifier() => new(Keys.ControllerMessageKey, Keys.KeyId);

    public static byte[] KeyFor(MessageType type) =>
        IsFromDevice(type) ? Keys.DeviceMessageKey : Keys.ControllerMessageKey;

    public static bool IsFromDevice(MessageType type) =>
        type is MessageType.Frame or MessageType.Gap or MessageType.CommandResult or MessageType.Status;

    public static Frame Frame()
    {
        var frame = new Frame
        {
            DeviceId = DeviceId,
            BootCounter = 3,
            Sequence = 42,
            TimeMicros = BaseTimeMicros,
            TimeQuality = TimeQuality.Sntp,
        };
        frame.AddSample(1, 0, 0.5f);
        frame.AddSample(2, 100, 21.75f);
        frame.AddSample(3, 200, 101.325f);
        frame.AddSample(4, 300, -3.5f);
        frame.AddSample(5, 400, 0f);
        frame.AddSample(300, -50, 1013.25f);
        return frame;
    }

    public static GapRecord Gap() => new()
    {
        DeviceId = DeviceId,
        BootCounter = 3,
        Sequence = 43,
        TimeMicros = BaseTimeMicros + 1_000_000,
        TimeQuality = TimeQuality.Sntp,
        FirstDropped = 30,
        LastDropped = 41,
        Reason = GapReason.OutboxOverflow,
    };

    public static Ack Ack() => new()
    {
        DeviceId = DeviceId,
        AckedSequence = 42,
        ControllerTimeMicros = BaseTimeMicros + 500_000,
    };

    public static Command Command() => new()
    {
        DeviceId = DeviceId,
        CommandId = 7,
        NotAfterMicros = BaseTimeMicros + 60_000_000,
        ActuatorId = 2,
        Action = CommandAction.SetLevel,
        Value = 0.75f,
    };

    public static CommandResult CommandResult() => new()
    {
        DeviceId = DeviceId,
        CommandId = 7,
        Outcome = CommandOutcome.Interlock,
        Detail = "minimum off time 30 s not reached",
        TimeMicros = BaseTimeMicros + 2_000_000,
        ActuatorId = 2,
        Value = 0f,
    };

    public static StatusMessage Status() => new()
    {
        DeviceId = DeviceId,
        BootCounter = 3,
        TimeMicros = BaseTimeMicros + 3_000_000,
        TimeQuality = TimeQuality.Controller,
        Online = true,
        FirmwareVersion = "1.4.2+g3a9c",
        Board = "esp32-devkitc-press",
        Channels = [1, 2, 3, 4, 5, 300],
        UptimeSeconds = 86_400,
        FreeMemoryBytes = 61_440,
        Rssi = -67,
        OutboxDepth = 12,
        OutboxDrops = 12,
        ResetReason = "power-on",
        FailedComponents = ["vibration-adxl345"],
    };

    /// <summary>The signed bytes of the sample message of <paramref name="type"/> (controller state: its unsigned payload).</summary>
    public static byte[] Signed(MessageType type)
    {
        var output = new byte[ProtocolLimits.MaxMessageBytes];
        SignedMessageWriter device = DeviceWriter();
        SignedMessageWriter controller = ControllerWriter();
        int length = type switch
        {
            MessageType.Frame => device.WriteFrame(Frame(), output, 0),
            MessageType.Gap => device.WriteGap(Gap(), output, 0),
            MessageType.Status => device.WriteStatus(Status(), output, 0),
            MessageType.CommandResult => device.WriteCommandResult(CommandResult(), output, 0),
            MessageType.Ack => controller.WriteAck(Ack(), output, 0),
            MessageType.Command => controller.WriteCommand(Command(), output, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        return output.AsSpan(0, length).ToArray();
    }

    /// <summary>Signs arbitrary payload bytes as COSE_Mac0 with <paramref name="key"/> and the device's key id.</summary>
    public static byte[] SignPayload(byte[] payload, byte[] key)
    {
        var output = new byte[payload.Length + 64];
        int length = new CoseMac0Signer(key, Keys.KeyId).Sign(payload, 0, payload.Length, output, 0);
        return output.AsSpan(0, length).ToArray();
    }

    public static readonly MessageType[] SignedTypes =
    [
        MessageType.Frame, MessageType.Gap, MessageType.Ack, MessageType.Command, MessageType.CommandResult, MessageType.Status,
    ];

    public static readonly MessageType[] AllTypes = [.. SignedTypes, MessageType.ControllerState];

    /// <summary>Decodes <paramref name="payload"/> with the codec of <paramref name="type"/>.</summary>
    public static object Decode(MessageType type, byte[] payload, int offset, int count) => type switch
    {
        MessageType.Frame => FrameCodec.Decode(payload, offset, count),
        MessageType.Gap => GapRecordCodec.Decode(payload, offset, count),
        MessageType.Ack => AckCodec.Decode(payload, offset, count),
        MessageType.Command => CommandCodec.Decode(payload, offset, count),
        MessageType.CommandResult => CommandResultCodec.Decode(payload, offset, count),
        MessageType.Status => StatusCodec.Decode(payload, offset, count),
        MessageType.ControllerState => ControllerStateCodec.DecodeOnline(payload, offset, count),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static object Decode(MessageType type, byte[] payload) => Decode(type, payload, 0, payload.Length);
}
