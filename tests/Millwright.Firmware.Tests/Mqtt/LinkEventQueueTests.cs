using Millwright.Firmware.Mqtt;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>The fixed-size ring between the link's thread and the main loop.</summary>
public sealed class LinkEventQueueTests
{
    [Fact]
    public void MessagesNeverCrowdOutConnectionEvents()
    {
        var queue = new LinkEventQueue(8);
        for (int i = 0; i < 20; i++)
        {
            queue.OnMessage("t", new[] { (byte)i });
        }

        queue.OnDisconnected();
        queue.OnConnected(false, 5);

        Assert.Equal(16, queue.DroppedMessages);
        var e = new LinkEvent();
        var taken = new List<string>();
        while (queue.TryTake(e))
        {
            taken.Add(e.Kind == LinkEventKind.Message ? "m" + e.Payload![0] : e.Kind + ":" + e.ReasonCode);
        }

        Assert.Equal(new[] { "m0", "m1", "m2", "m3", "Disconnected:0", "Connected:5" }, taken);
        Assert.False(queue.TakeConnectionEventLost());
    }

    [Fact]
    public void AConnectionEventThatFindsTheRingFullIsReportedOnce()
    {
        var queue = new LinkEventQueue(8);
        for (int i = 0; i < 9; i++)
        {
            queue.OnDisconnected();
        }

        Assert.True(queue.TakeConnectionEventLost());
        Assert.False(queue.TakeConnectionEventLost());
    }

    [Fact]
    public void PublishCompletionsAreCountedNotQueued()
    {
        var queue = new LinkEventQueue(8);
        queue.OnPublished(1, true);
        queue.OnPublished(2, false);

        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.PublishesDelivered);
        Assert.Equal(1, queue.PublishesGivenUp);
    }

    [Fact]
    public void EventsFromAnotherThreadArriveInOrderOrAreCountedAsDropped()
    {
        const int Sent = 200_000;
        var queue = new LinkEventQueue(32);
        var producer = new Thread(() =>
        {
            for (int i = 0; i < Sent; i++)
            {
                queue.OnMessage("t", BitConverter.GetBytes(i));
            }
        });

        producer.Start();
        var e = new LinkEvent();
        int taken = 0;
        int last = -1;
        while (producer.IsAlive || queue.Count > 0)
        {
            while (queue.TryTake(e))
            {
                int index = BitConverter.ToInt32(e.Payload!);
                Assert.True(index > last, $"event {index} after {last}");
                last = index;
                taken++;
            }
        }

        producer.Join();
        while (queue.TryTake(e))
        {
            taken++;
        }

        Assert.Equal(Sent, taken + queue.DroppedMessages);
    }
}
