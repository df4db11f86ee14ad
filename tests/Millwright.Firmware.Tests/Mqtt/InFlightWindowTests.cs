using Millwright.Firmware.Mqtt;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>
/// Issue 3 §5 and ARCHITECTURE.md §4 "Delivery": replay in order with at most N frames in flight; a frame is freed only
/// by a controller ack (a broker PUBACK is not enough); unacked frames are resent in order after the ack timeout and
/// after every reconnect, starting after the last acked sequence.
/// </summary>
public sealed class InFlightWindowTests
{
    [Fact]
    public void AtMostTheWindowIsPublishedAndBrokerPubackAloneFreesNothing()
    {
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(50);

        Assert.True(h.RunUntilOnline());
        h.RunUntil(() => false, h.Options.AckTimeoutMicros / 2);

        // The broker acknowledged every publish (PUBACK), yet nothing was freed and no ninth frame went out.
        Assert.Equal(Sequences(1, 8), h.FramePublishes.Select(p => h.SequenceOf(p.Payload)));
        Assert.Equal(8, h.Session.InFlightFrames);
        Assert.Equal(50, h.Outbox.Depth);
        Assert.Equal(0, h.Outbox.AcknowledgeCalls);
        Assert.Equal(0ul, h.Session.AckedSequence);
    }

    [Fact]
    public void AControllerAckFreesWhatItCoversAndSlidesTheWindow()
    {
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(50);
        Assert.True(h.RunUntilOnline());

        h.Controller.SendAck(5);
        h.RunUntil(() => false, 100_000);

        Assert.Equal(45, h.Outbox.Depth);
        Assert.Equal(5ul, h.Session.AckedSequence);
        Assert.Equal(Sequences(1, 13), h.FramePublishes.Select(p => h.SequenceOf(p.Payload)));
        Assert.Equal(8, h.Session.InFlightFrames);
        Assert.Equal(5ul, h.Observer.Acks.Single().Sequence);
    }

    [Fact]
    public void AfterTheAckTimeoutEveryUnackedFrameIsSentAgainInOrder()
    {
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(20);
        Assert.True(h.RunUntilOnline());
        h.Controller.SendAck(2);
        h.Step();
        h.Step();
        Assert.Equal(Sequences(1, 10), h.FramePublishes.Select(p => h.SequenceOf(p.Payload)));

        h.RunUntil(() => h.Session.Resends == 1, h.Options.AckTimeoutMicros + 100_000);

        // Frames 3..10 went out first at the connect or after the ack; 3..10 go again, in order, nothing beyond.
        Assert.Equal(Sequences(1, 10).Concat(Sequences(3, 10)), h.FramePublishes.Select(p => h.SequenceOf(p.Payload)));
        Assert.Equal(18, h.Outbox.Depth);
    }

    [Fact]
    public void AfterAReconnectReplayStartsAfterTheLastAckedSequenceInOrder()
    {
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(10);
        Assert.True(h.RunUntilOnline());
        h.Controller.SendAck(3);
        h.Step();
        h.Step();
        Assert.Equal(Sequences(1, 10), h.FramePublishes.Select(p => h.SequenceOf(p.Payload)));

        h.Broker.DropDeviceConnection();
        h.Step();
        Assert.Equal(MqttSessionState.BackingOff, h.Session.State);
        Assert.True(h.RunUntilOnline());

        Assert.Equal(Sequences(4, 10), h.FramePublishes.Where(p => p.Connection == 2).Select(p => h.SequenceOf(p.Payload)));
        Assert.Equal(7, h.Session.InFlightFrames);
    }

    [Fact]
    public void FramesAppendedWhileOnlineLeaveAtTheNextUpdateWithoutWaitingForAnything()
    {
        var h = new MqttSessionHarness();
        Assert.True(h.RunUntilOnline());

        for (int i = 0; i < 100; i++)
        {
            h.AppendFrame();
            h.Step();
            Assert.Equal(h.LastAppended, h.SequenceOf(h.FramePublishes.Last().Payload));
        }

        h.RunUntil(() => h.Outbox.Depth == 0, 1_000_000);
        Assert.Equal(100, h.Controller.Stored.Count);
        Assert.Equal(100, h.FramePublishes.Count());
    }

    [Fact]
    public void StaleAndDuplicateAcksNeverMoveTheAckedSequenceBack()
    {
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(10);
        Assert.True(h.RunUntilOnline());

        h.Controller.SendAck(6);
        h.Controller.SendAck(6);
        h.Controller.SendAck(2);
        h.Controller.SendAck(0);
        h.RunUntil(() => false, 100_000);

        Assert.Equal(6ul, h.Session.AckedSequence);
        Assert.Equal(4, h.Outbox.Depth);
        Assert.Equal(1, h.Outbox.AcknowledgeCalls);
        Assert.Equal(new ulong[] { 6, 6, 2, 0 }, h.Observer.Acks.Select(a => a.Sequence));
    }

    [Fact]
    public void AnAckForFramesStoredBeforeARebootFreesThemAllAtOnce()
    {
        // After a power cut the outbox may still hold frames the controller stored (the ack watermark is persisted
        // only every so often): the first ack covers them all, and nothing is sent twice more than the first window.
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(100);
        Assert.True(h.RunUntilOnline());

        h.Controller.SendAck(100);
        h.RunUntil(() => false, 100_000);

        Assert.Equal(0, h.Outbox.Depth);
        Assert.Equal(8, h.FramePublishes.Count());
        Assert.Equal(0, h.Session.InFlightFrames);
    }

    [Fact]
    public void AnAckBeyondEverythingSentNeverMakesLaterFramesLookSent()
    {
        // A genuine ack above our highest sequence can only come from another incarnation of this device id: it may
        // free what we have, but frames appended afterwards must still go out.
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(3);
        Assert.True(h.RunUntilOnline());

        h.Controller.SendAck(50);
        h.RunUntil(() => false, 100_000);
        Assert.Equal(0, h.Outbox.Depth);
        Assert.Equal(3ul, h.Session.AckedSequence);

        h.AppendFrames(4);
        h.RunUntil(() => false, 100_000);

        Assert.Equal(Sequences(1, 7), h.FramePublishes.Select(p => h.SequenceOf(p.Payload)));
    }

    private static IEnumerable<ulong> Sequences(int first, int last) => Enumerable.Range(first, last - first + 1).Select(i => (ulong)i);
}
