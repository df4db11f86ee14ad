using Millwright.Firmware.Mqtt;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>
/// Issue 3 §5: after any schedule of drops, delays, duplicates, reorders, refused and dropped connections, broker
/// restarts and controller outages, while frames keep being appended, the controller ends up with every frame
/// exactly once per sequence number and the outbox drains to zero.
/// </summary>
public sealed class ExactlyOnceAfterChaosTests
{
    private const int SeedCount = 64;

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, SeedCount));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryFrameIsStoredExactlyOnceAndTheOutboxDrains(int seed)
    {
        ChaosRun run = ChaosRun.Of(seed);
        MqttSessionHarness h = run.Harness;

        Assert.True(run.Settled, "did not settle: " + run);
        Assert.Equal(MqttSessionState.Online, h.Session.State);
        Assert.Equal(0, h.Outbox.Depth);
        Assert.Equal(h.LastAppended, h.Session.AckedSequence);
        Assert.Equal(h.LastAppended, h.Outbox.HighestAcknowledged);

        // Every sequence number 1..N is stored, once, with the very bytes the device signed.
        Assert.Equal(Enumerable.Range(1, (int)h.LastAppended).Select(i => (ulong)i), h.Controller.Stored.Keys.Order());
        Assert.All(h.Controller.StoreCounts.Values, count => Assert.Equal(1, count));
        Assert.All(h.Controller.Stored, pair => Assert.Equal(h.Outbox.Appended[pair.Key], pair.Value));
        Assert.Empty(h.Controller.Rejections);

        Assert.Empty(run.WindowViolations);
        Assert.Empty(h.Broker.ProtocolViolations);
    }

    [Fact]
    public void TheSchedulesExerciseEveryKindOfFault()
    {
        var runs = Enumerable.Range(1, SeedCount).Select(ChaosRun.Of).ToList();

        Assert.All(runs, run => Assert.True(run.Settled, run.ToString()));
        Assert.Contains(runs, r => r.Harness.Chaos.Counters.Drops > 0);
        Assert.Contains(runs, r => r.Harness.Chaos.Counters.Duplicates > 0);
        Assert.Contains(runs, r => r.Harness.Chaos.Counters.Delays > 0);
        Assert.Contains(runs, r => r.Harness.Chaos.Counters.Refusals > 0);
        Assert.Contains(runs, r => r.Harness.Chaos.Counters.Hangs > 0);
        Assert.Contains(runs, r => r.Harness.Chaos.Counters.ConnectionDrops > 0);
        Assert.Contains(runs, r => r.Harness.Chaos.Counters.BrokerRestarts > 0);
        Assert.Contains(runs, r => r.Harness.Chaos.Counters.ControllerOutages > 0);

        // The faults reached the session: it reconnected, resent, and the controller saw duplicates it stored once.
        Assert.Contains(runs, r => r.Harness.Broker.Connection > 5);
        Assert.Contains(runs, r => r.Harness.Session.Resends > 0);
        Assert.Contains(runs, r => r.Harness.Controller.DuplicatesReceived > 0);
        Assert.Contains(runs, r => r.Harness.Controller.FramesLostWhileDown > 0);
    }
}
