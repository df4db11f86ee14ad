using System.Security.Cryptography;
using Millwright.Protocol.Cbor;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>A test publisher built on the protocol library: signs frames, gap records, statuses and command results
/// as a device with this secret would, and checks the controller's acks.</summary>
internal sealed class TestDevice
{
    private readonly SignedMessageWriter _writer;

    internal TestDevice(string plantId, string deviceId, byte[]? secret = null)
    {
        PlantId = plantId;
        DeviceId = deviceId;
        Secret = secret ?? RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize);
        Keys = new DeviceKeys(Secret);
        _writer = new SignedMessageWriter(Keys.DeviceMessageKey, Keys.KeyId);
    }

    internal string PlantId { get; }

    internal string DeviceId { get; }

    internal byte[] Secret { get; }

    internal DeviceKeys Keys { get; }

    internal string FramesTopic => TopicNames.Build(PlantId, DeviceId, TopicKind.Frames);

    internal string AckTopic => TopicNames.Build(PlantId, DeviceId, TopicKind.Ack);

    internal string StatusTopic => TopicNames.Build(PlantId, DeviceId, TopicKind.Status);

    internal string CommandResultTopic => TopicNames.Build(PlantId, DeviceId, TopicKind.CommandResult);

    internal string Topic(TopicKind kind) => TopicNames.Build(PlantId, DeviceId, kind);

    internal static long Micros(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / 10;

    internal byte[] Frame(long sequence, DateTimeOffset time, TimeQuality quality = TimeQuality.Sntp, string? payloadDeviceId = null, int samples = 6)
    {
        var frame = new Frame(Math.Max(samples, 1))
        {
            DeviceId = payloadDeviceId ?? DeviceId,
            BootCounter = 1,
            Sequence = (ulong)sequence,
            TimeMicros = Micros(time),
            TimeQuality = quality,
        };
        for (int i = 0; i < samples; i++)
        {
            frame.AddSample(i + 1, i * 10, (float)(sequence + (i / 10.0)));
        }

        return Sign(output => _writer.WriteFrame(frame, output, 0));
    }

    internal byte[] Gap(long sequence, long first, long last, DateTimeOffset time) =>
        Sign(output => _writer.WriteGap(new GapRecord
        {
            DeviceId = DeviceId,
            BootCounter = 1,
            Sequence = (ulong)sequence,
            TimeMicros = Micros(time),
            TimeQuality = TimeQuality.Sntp,
            FirstDropped = (ulong)first,
            LastDropped = (ulong)last,
            Reason = GapReason.OutboxOverflow,
        }, output, 0));

    internal byte[] Status(bool online, DateTimeOffset time, uint bootCounter = 1) =>
        Sign(output => _writer.WriteStatus(new StatusMessage
        {
            DeviceId = DeviceId,
            BootCounter = bootCounter,
            TimeMicros = Micros(time),
            TimeQuality = TimeQuality.Sntp,
            Online = online,
            FirmwareVersion = "1.0.0-test",
            Board = "virtual",
            Channels = [1, 2, 3, 4, 5, 6],
            UptimeSeconds = 42,
            FreeMemoryBytes = 100_000,
            Rssi = -60,
            OutboxDepth = 3,
            OutboxDrops = 0,
            ResetReason = "power-on",
            FailedComponents = [],
        }, output, 0));

    internal byte[] CommandResult(ulong commandId, DateTimeOffset time) =>
        Sign(output => _writer.WriteCommandResult(new Millwright.Protocol.Messages.CommandResult
        {
            DeviceId = DeviceId,
            TimeMicros = Micros(time),
            CommandId = commandId,
            ActuatorId = 1,
            Value = 1,
            Outcome = CommandOutcome.Executed,
            Detail = string.Empty,
        }, output, 0));

    /// <summary>Verifies an ack with this device's controller-messages key and returns it.</summary>
    internal Ack ReadAck(byte[] signed)
    {
        var verifier = new MessageVerifier(Keys.ControllerMessageKey, Keys.KeyId);
        MessageType type = verifier.Verify(signed, 0, signed.Length);
        Assert.Equal(MessageType.Ack, type);
        return AckCodec.Decode(signed, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
    }

    /// <summary>A message signed with another secret but this device's key id (a forgery attempt).</summary>
    internal byte[] ForgedFrame(long sequence, DateTimeOffset time)
    {
        var impostor = new DeviceKeys(RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize));
        var writer = new SignedMessageWriter(impostor.DeviceMessageKey, Keys.KeyId);
        var frame = new Frame(1) { DeviceId = DeviceId, BootCounter = 1, Sequence = (ulong)sequence, TimeMicros = Micros(time), TimeQuality = TimeQuality.Sntp };
        frame.AddSample(1, 0, 1f);
        var output = new byte[ProtocolLimits.MaxMessageBytes];
        return output.AsSpan(0, writer.WriteFrame(frame, output, 0)).ToArray();
    }

    private static byte[] Sign(Func<byte[], int> write)
    {
        var output = new byte[ProtocolLimits.MaxMessageBytes];
        int length = write(output);
        return output.AsSpan(0, length).ToArray();
    }

    /// <summary>A bare CBOR payload without COSE (what a broken client might send).</summary>
    internal static byte[] BareCborMap()
    {
        var buffer = new byte[16];
        var writer = new CborWriter(buffer);
        writer.WriteMapHeader(1);
        writer.WriteInt32(1);
        writer.WriteInt32(1);
        return buffer.AsSpan(0, writer.Length).ToArray();
    }
}
