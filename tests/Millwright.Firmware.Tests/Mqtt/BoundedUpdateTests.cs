using Millwright.Firmware.Mqtt;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>Update never waits and does bounded work, however much is queued, so sampling never stalls behind the network.</summary>
public sealed class BoundedUpdateTests
{
    [Fact]
    public void WithTenThousandFramesQueuedOneUpdatePublishesAtMostTheWindow()
    {
        var h = new MqttSessionHarness();
        h.Controller.Acking = false;
        h.AppendFrames(10_000);
        Assert.True(h.RunUntilOnline());

        Assert.Equal(h.Options.MaxInFlightFrames, h.FramePublishes.Count());
        int readsBefore = h.Outbox.Reads;
        int publishesBefore = h.Broker.DevicePublishes.Count;

        h.Step();

        Assert.Equal(publishesBefore, h.Broker.DevicePublishes.Count);
        Assert.True(h.Outbox.Reads - readsBefore <= 1, $"{h.Outbox.Reads - readsBefore} outbox reads in one update");
    }

    [Fact]
    public void TenThousandFramesDrainAWindowAtATime()
    {
        var h = new MqttSessionHarness();
        h.AppendFrames(10_000);
        int mostPerUpdate = 0;
        int mostReadsPerUpdate = 0;
        int checkedPublishes = 0;
        int reads = 0;
        h.AfterUpdate = () =>
        {
            int frames = 0;
            for (; checkedPublishes < h.Broker.DevicePublishes.Count; checkedPublishes++)
            {
                frames += h.Broker.DevicePublishes[checkedPublishes].Topic == h.Session.Topics.Frames ? 1 : 0;
            }

            mostPerUpdate = Math.Max(mostPerUpdate, frames);
            mostReadsPerUpdate = Math.Max(mostReadsPerUpdate, h.Outbox.Reads - reads);
            reads = h.Outbox.Reads;
        };

        Assert.True(h.RunUntil(() => h.Outbox.Depth == 0, 120_000_000));

        Assert.Equal(10_000, h.Controller.Stored.Count);
        Assert.Equal(h.Options.MaxInFlightFrames, mostPerUpdate);
        Assert.True(mostReadsPerUpdate <= h.Options.MaxInFlightFrames + 1, $"{mostReadsPerUpdate} outbox reads in one update");
    }

    [Fact]
    public void UpdateReturnsAtOnceWhileTheBrokerNeverAnswers()
    {
        var chaos = ChaosSchedule.Calm();
        chaos.HangPercent = 100;
        var h = new MqttSessionHarness(chaos);
        h.AppendFrames(100);

        // A thousand updates (10 s of main loop) with the link silent: each returns, no frame is published.
        for (int i = 0; i < 1_000; i++)
        {
            h.Step();
            Assert.NotEqual(MqttSessionState.Online, h.Session.State);
        }

        Assert.Empty(h.Broker.DevicePublishes);
        Assert.True(h.Link.ConnectRequests.Count >= 2);
    }

    [Fact]
    public void AnIdleOnlineUpdateAllocatesNothing()
    {
        var options = MqttSessionHarness.FastOptions();
        options.StatusIntervalMicros = 0;
        var h = new MqttSessionHarness(options: options);
        h.AppendFrames(20);
        Assert.True(h.RunUntil(() => h.Outbox.Depth == 0 && h.Session.State == MqttSessionState.Online, 10_000_000));
        h.RunUntil(() => false, 5_000_000);

        long now = h.Clock.NowMicros;
        h.Session.Update(now);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            now += 1_000;
            h.Session.Update(now);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
