using Millwright.Firmware.Mqtt;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>What the session hands to the rest of the firmware, and the command results it publishes.</summary>
public sealed class ControllerMessageRoutingTests
{
    [Fact]
    public void CommandsGoToTheObserverAsReceived()
    {
        var h = new MqttSessionHarness();
        Assert.True(h.RunUntilOnline());
        byte[] command = { 0xd1, 0x84, 0x01, 0x02, 0x03 };

        h.Broker.PublishFromController(h.Session.Topics.Command, command, retain: false);
        h.Step();

        Assert.Equal(command, h.Observer.Commands.Single());
    }

    [Fact]
    public void TheRetainedControllerStateArrivesOnSubscribeAndEveryChangeAfter()
    {
        var h = new MqttSessionHarness();
        Assert.True(h.RunUntilOnline());
        h.Step();
        Assert.Equal(new[] { true }, h.Observer.ControllerStates);

        h.Controller.PublishState(online: false);
        h.Step();
        h.Controller.PublishState(online: true);
        h.Step();

        Assert.Equal(new[] { true, false, true }, h.Observer.ControllerStates);
    }

    [Fact]
    public void AMalformedControllerStateIsCountedAndIgnored()
    {
        var h = new MqttSessionHarness();
        Assert.True(h.RunUntilOnline());
        h.Step();

        h.Broker.PublishFromController(h.Session.Topics.ControllerState, new byte[] { 0xa0 }, retain: false);
        h.Broker.PublishFromController(h.Session.Topics.ControllerState, Array.Empty<byte>(), retain: false);
        h.Step();

        Assert.Equal(new[] { true }, h.Observer.ControllerStates);
        Assert.Equal(2, h.Session.RejectedMessages);
    }

    [Fact]
    public void AValidAckReportsTheControllerTime()
    {
        var h = new MqttSessionHarness();
        h.AppendFrame();
        Assert.True(h.RunUntil(() => h.Observer.Acks.Count > 0, 1_000_000));

        (ulong sequence, long controllerTime) = h.Observer.Acks[0];
        Assert.Equal(1ul, sequence);
        Assert.InRange(controllerTime, MqttTestStatusSource.UtcAtBoot, MqttTestStatusSource.UtcAtBoot + h.Clock.NowMicros);
    }

    [Fact]
    public void CommandResultsArePublishedQos1OnCmdackOnlyWhileOnline()
    {
        var h = new MqttSessionHarness();
        ICommandResultPublisher publisher = Assert.IsAssignableFrom<ICommandResultPublisher>(h.Session);
        byte[] result = { 0xd1, 0x84, 0x40, 0xa0, 0x41, 0x05, 0x58, 0x20 };

        Assert.False(publisher.PublishCommandResult(result, 0, result.Length));

        Assert.True(h.RunUntilOnline());
        Assert.True(publisher.PublishCommandResult(result, 2, 4));

        MemoryBrokerPublish published = h.Broker.DevicePublishes.Single(p => p.Topic == "mw/v1/plant-7/press-12/cmdack");
        Assert.Equal(result.Skip(2).Take(4), published.Payload);
        Assert.Equal(1, published.Qos);
        Assert.False(published.Retain);

        h.Broker.DropDeviceConnection();
        h.Step();
        Assert.False(publisher.PublishCommandResult(result, 0, result.Length));
    }

    [Fact]
    public void ALateAcceptForAnAbandonedAttemptIsClosed()
    {
        var chaos = ChaosSchedule.Calm();
        chaos.HangPercent = 100;
        var h = new MqttSessionHarness(chaos);
        Assert.True(h.RunUntil(() => h.Session.State == MqttSessionState.BackingOff, 10_000_000));
        int disconnects = h.Link.DisconnectCalls;

        h.Link.Listener!.OnConnected(true, 0);
        h.Step();

        Assert.Equal(MqttSessionState.BackingOff, h.Session.State);
        Assert.Equal(disconnects + 1, h.Link.DisconnectCalls);
        Assert.Empty(h.Observer.ConnectionChanges);
    }

    [Fact]
    public void EventsTakeEffectOnlyInUpdateOnTheMainLoop()
    {
        var h = new MqttSessionHarness();
        h.Step();
        Assert.Equal(MqttSessionState.Connecting, h.Session.State);

        // A link thread reports the accept: nothing happens until the main loop's next update.
        h.Link.Listener!.OnConnected(true, 0);
        Assert.Equal(MqttSessionState.Connecting, h.Session.State);
        Assert.Empty(h.Observer.ConnectionChanges);
    }
}
