using Millwright.Firmware.Hardware;
using Millwright.Firmware.Mqtt;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>
/// Issue 3 §5: connect with client id, credentials, TLS and keep-alive; Will = signed death status, retained; on
/// accept a retained signed birth and subscriptions to ack, cmd and the controller state, after every reconnect.
/// </summary>
public sealed class BirthWillAndSubscriptionTests
{
    private const string StatusTopic = "mw/v1/plant-7/press-12/status";

    [Fact]
    public void ConnectCarriesIdentityCredentialsTlsKeepAliveAndTheSignedDeathAsRetainedWill()
    {
        var h = new MqttSessionHarness();
        Assert.True(h.RunUntilOnline());

        MqttConnectSettings connect = h.Link.ConnectRequests.Single();
        Assert.Equal("broker.plant", connect.Host);
        Assert.Equal(8883, connect.Port);
        Assert.True(connect.UseTls);
        Assert.Equal(MqttSessionHarness.DeviceId, connect.ClientId);
        Assert.Equal(MqttSessionHarness.DeviceId, connect.Username);
        Assert.Equal(h.Keys.MqttPassword, connect.Password);
        Assert.Equal(15, connect.KeepAliveSeconds);
        Assert.Equal(StatusTopic, connect.WillTopic);
        Assert.True(connect.WillRetain);

        Assert.All(connect.WillPayload, b => Assert.InRange(b, (byte)0x21, (byte)0x7e));
        StatusMessage death = VerifyStatus(h, connect.WillPayload);
        Assert.False(death.Online);
        AssertHealthFromSource(death);
    }

    [Fact]
    public void BirthIsRetainedSignedAndOnlineThenTheSessionSubscribesToAckCmdAndControllerState()
    {
        var h = new MqttSessionHarness();
        Assert.True(h.RunUntilOnline());

        MemoryBrokerPublish birth = h.Broker.DevicePublishes.First();
        Assert.Equal(StatusTopic, birth.Topic);
        Assert.True(birth.Retain);
        Assert.Equal(1, birth.Qos);
        StatusMessage status = VerifyStatus(h, birth.Payload);
        Assert.True(status.Online);
        AssertHealthFromSource(status);
        Assert.Equal(birth.Payload, h.Broker.Retained(StatusTopic));

        AssertSubscribedOn(h, connection: 1);
        Assert.Equal(new[] { true }, h.Observer.ConnectionChanges);
    }

    [Fact]
    public void AfterEachReconnectTheBirthIsRepublishedAndEverySubscriptionRenewed()
    {
        var h = new MqttSessionHarness();
        Assert.True(h.RunUntilOnline());

        for (int connection = 2; connection <= 4; connection++)
        {
            h.Broker.DropDeviceConnection();
            h.Step();

            // The broker published the Will: the retained status now says offline, and the controller saw it.
            Assert.False(VerifyStatus(h, h.Broker.Retained(StatusTopic)!).Online);
            Assert.False(VerifyStatus(h, h.Controller.StatusMessages[^1]).Online);

            Assert.True(h.RunUntilOnline());
            Assert.Equal(connection, h.Broker.Connection);
            MemoryBrokerPublish birth = h.Broker.DevicePublishes.First(p => p.Connection == connection);
            Assert.Equal(StatusTopic, birth.Topic);
            Assert.True(birth.Retain);
            Assert.True(VerifyStatus(h, birth.Payload).Online);
            Assert.True(VerifyStatus(h, h.Broker.Retained(StatusTopic)!).Online);
            AssertSubscribedOn(h, connection);
        }

        Assert.Equal(new[] { true, false, true, false, true, false, true }, h.Observer.ConnectionChanges);
        Assert.Equal(3, h.Broker.WillsPublished);
        Assert.Equal(4, h.Link.ConnectRequests.Count);
    }

    [Fact]
    public void TheBirthIsRepublishedPeriodicallyAsHealthTelemetry()
    {
        var h = new MqttSessionHarness();
        Assert.True(h.RunUntilOnline());

        h.RunUntil(() => false, 95_000_000);

        List<MemoryBrokerPublish> statuses = h.Broker.DevicePublishes.Where(p => p.Topic == StatusTopic).ToList();
        Assert.Equal(4, statuses.Count); // at connect, then every 30 s
        Assert.All(statuses, s => Assert.True(s.Retain && VerifyStatus(h, s.Payload).Online));
        Assert.Equal(new[] { 30_000_000L, 30_000_000L, 30_000_000L }, statuses.Zip(statuses.Skip(1), (a, b) => b.TimeMicros - a.TimeMicros));
    }

    private static void AssertSubscribedOn(MqttSessionHarness h, int connection)
    {
        var topics = h.Broker.DeviceSubscriptions.Where(s => s.Connection == connection).ToList();
        Assert.Equal(
            new[] { "mw/v1/plant-7/$controller/state", "mw/v1/plant-7/press-12/ack", "mw/v1/plant-7/press-12/cmd" },
            topics.Select(s => s.Topic).Order(StringComparer.Ordinal));
        Assert.All(topics, s => Assert.Equal(1, s.Qos));
        Assert.Equal(TopicNames.ControllerState(MqttSessionHarness.PlantId), h.Session.Topics.ControllerState);
    }

    // A status topic carries binary COSE (the birth) or base64 text (the Will, see WillText).
    private static StatusMessage VerifyStatus(MqttSessionHarness h, byte[] payload)
    {
        byte[] signed = WillText.ToSigned(payload);
        var verifier = new MessageVerifier(h.Keys.DeviceMessageKey, h.Keys.KeyId);
        Assert.Equal(MessageType.Status, verifier.Verify(signed, 0, signed.Length));
        return StatusCodec.Decode(signed, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
    }

    private static void AssertHealthFromSource(StatusMessage status)
    {
        Assert.Equal(MqttSessionHarness.DeviceId, status.DeviceId);
        Assert.Equal(7u, status.BootCounter);
        Assert.Equal(FirmwareInfo.Version, status.FirmwareVersion);
        Assert.Equal("test-board", status.Board);
        Assert.Equal(new[] { 1, 2 }, status.Channels);
        Assert.Equal(-61, status.Rssi);
        Assert.Equal("power-on", status.ResetReason);
        Assert.Equal(new[] { "vibration" }, status.FailedComponents);
    }
}
