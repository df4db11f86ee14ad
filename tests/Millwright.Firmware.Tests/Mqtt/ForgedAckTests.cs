using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>Only an ack signed with this device's controller-direction key, naming this device, frees the outbox.</summary>
public sealed class ForgedAckTests
{
    [Fact]
    public void AcksThatFailVerificationAreCountedAndFreeNothing()
    {
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(5);
        Assert.True(h.RunUntilOnline());
        var otherKeys = new DeviceKeys(MqttSessionHarness.Secret(0x99));
        string ackTopic = h.Session.Topics.Ack;

        byte[][] forgeries =
        {
            // Right key id, another secret's controller key.
            h.Controller.SignAck(5, new SignedMessageWriter(otherKeys.ControllerMessageKey, h.Keys.KeyId), MqttSessionHarness.DeviceId),
            // Our own device-direction key: a device message can never pass as a controller one.
            h.Controller.SignAck(5, new SignedMessageWriter(h.Keys.DeviceMessageKey, h.Keys.KeyId), MqttSessionHarness.DeviceId),
            // Another device's keys and key id altogether.
            h.Controller.SignAck(5, new SignedMessageWriter(otherKeys.ControllerMessageKey, otherKeys.KeyId), MqttSessionHarness.DeviceId),
            // Genuinely signed, but for another device.
            h.Controller.SignAck(5, new SignedMessageWriter(h.Keys.ControllerMessageKey, h.Keys.KeyId), "press-13"),
            // Genuinely signed with the controller key, but not an ack.
            SignedStatus(h),
            // One of our own frames echoed back on the ack topic.
            h.Outbox.Appended[1],
            // Not COSE at all, and empty.
            new byte[] { 0xde, 0xad, 0xbe, 0xef },
            Array.Empty<byte>(),
        };

        byte[] tampered = h.Controller.SignAck(5, new SignedMessageWriter(h.Keys.ControllerMessageKey, h.Keys.KeyId), MqttSessionHarness.DeviceId);
        tampered[^40] ^= 0x01;

        foreach (byte[] forged in forgeries.Append(tampered))
        {
            h.Broker.PublishFromController(ackTopic, forged, retain: false);
        }

        h.RunUntil(() => false, 200_000);

        Assert.Equal(forgeries.Length + 1, h.Session.RejectedAcks);
        Assert.Equal(5, h.Outbox.Depth);
        Assert.Equal(0, h.Outbox.AcknowledgeCalls);
        Assert.Equal(0ul, h.Session.AckedSequence);
        Assert.Empty(h.Observer.Acks);

        // The genuine article still works afterwards.
        h.Controller.SendAck(3);
        h.RunUntil(() => false, 100_000);
        Assert.Equal(2, h.Outbox.Depth);
        Assert.Equal(3ul, h.Observer.Acks.Single().Sequence);
    }

    [Fact]
    public void AReplayedOldAckFreesNothingNewAndIsNoSignOfLife()
    {
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(5);
        Assert.True(h.RunUntilOnline());
        var writer = new SignedMessageWriter(h.Keys.ControllerMessageKey, h.Keys.KeyId);
        byte[] old = h.Controller.SignAck(2, writer, MqttSessionHarness.DeviceId);
        h.RunUntil(() => false, 1_000_000);
        h.Controller.SendAck(4);
        h.Step();
        h.Step();

        h.Broker.PublishFromController(h.Session.Topics.Ack, old, retain: false);
        h.Step();
        h.Step();

        Assert.Equal(4ul, h.Observer.Acks.Single().Sequence);
        Assert.Equal(1, h.Session.StaleAcks);
        Assert.Equal(0, h.Session.RejectedAcks);
        Assert.Equal(4ul, h.Session.AckedSequence);
        Assert.Equal(1, h.Outbox.Depth);
    }

    private static byte[] SignedStatus(MqttSessionHarness h)
    {
        var writer = new SignedMessageWriter(h.Keys.ControllerMessageKey, h.Keys.KeyId);
        var buffer = new byte[ProtocolLimits.MaxMessageBytes];
        int length = writer.WriteStatus(new StatusMessage { DeviceId = MqttSessionHarness.DeviceId }, buffer, 0);
        return buffer.AsSpan(0, length).ToArray();
    }
}
