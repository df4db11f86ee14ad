using Millwright.Firmware.Mqtt;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>Issue 3 §5: reconnect with exponential back-off and jitter, reset after a successful connect.</summary>
public sealed class ReconnectBackoffTests
{
    [Fact]
    public void CeilingDoublesFromTheMinimumUpToTheMaximum()
    {
        long[] ceilings = Enumerable.Range(1, 8).Select(n => ReconnectBackoff.Ceiling(100, 3_000, n)).ToArray();

        Assert.Equal(new long[] { 100, 200, 400, 800, 1_600, 3_000, 3_000, 3_000 }, ceilings);
    }

    [Fact]
    public void CeilingNeverOverflowsHoweverManyFailures()
    {
        Assert.Equal(long.MaxValue - 1, ReconnectBackoff.Ceiling(1_000_000, long.MaxValue - 1, int.MaxValue));

        var backoff = new ReconnectBackoff(1_000_000, long.MaxValue - 1, 100, new Random(3));
        for (int i = 0; i < 200; i++)
        {
            long delay = backoff.NextDelayMicros();
            Assert.InRange(delay, 0, long.MaxValue - 1);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(100)]
    public void EachDelayLiesBetweenTheJitteredFloorAndTheCeiling(int jitterPercent)
    {
        var backoff = new ReconnectBackoff(1_000_000, 60_000_000, jitterPercent, new Random(jitterPercent));
        for (int failures = 1; failures <= 40; failures++)
        {
            long delay = backoff.NextDelayMicros();
            long ceiling = ReconnectBackoff.Ceiling(1_000_000, 60_000_000, failures);

            Assert.Equal(failures, backoff.ConsecutiveFailures);
            Assert.InRange(delay, ceiling - (ceiling * jitterPercent / 100), ceiling);
        }
    }

    [Fact]
    public void JitterSpreadsNodesThatFailedTogether()
    {
        // 50 nodes lose the broker at the same moment: their first retries must not all land at once.
        var firstDelays = Enumerable.Range(0, 50)
            .Select(seed => new ReconnectBackoff(1_000_000, 60_000_000, 50, new Random(seed)).NextDelayMicros())
            .ToHashSet();

        Assert.True(firstDelays.Count >= 40, $"only {firstDelays.Count} distinct delays");
    }

    [Fact]
    public void SessionBacksOffExponentiallyWithJitterAndResetsAfterAConnect()
    {
        var chaos = ChaosSchedule.Calm();
        chaos.RefusePercent = 100;
        var h = new MqttSessionHarness(chaos);
        MqttSessionOptions o = h.Options;
        var delays = new List<(int Failures, long Delay)>();
        h.AfterUpdate = () =>
        {
            if (h.Session.State == MqttSessionState.BackingOff && (delays.Count == 0 || delays[^1].Failures != h.Session.ConsecutiveFailures))
            {
                delays.Add((h.Session.ConsecutiveFailures, h.Session.NextAttemptMicros - h.Clock.NowMicros));
            }
        };

        Assert.True(h.RunUntil(() => h.Session.ConsecutiveFailures == 12, 120_000_000));

        Assert.Equal(Enumerable.Range(1, 12), delays.Select(d => d.Failures));
        foreach ((int failures, long delay) in delays)
        {
            long ceiling = ReconnectBackoff.Ceiling(o.BackoffMinMicros, o.BackoffMaxMicros, failures);
            Assert.InRange(delay, ceiling / 2, ceiling);
        }

        Assert.Contains(delays, d => d.Delay < ReconnectBackoff.Ceiling(o.BackoffMinMicros, o.BackoffMaxMicros, d.Failures));
        Assert.Equal(o.BackoffMaxMicros, ReconnectBackoff.Ceiling(o.BackoffMinMicros, o.BackoffMaxMicros, 12));

        // No attempt before its time: each connect comes at or after the time the back-off set.
        long[] gaps = h.Link.ConnectTimes.Zip(h.Link.ConnectTimes.Skip(1), (a, b) => b - a).ToArray();
        for (int i = 0; i < delays.Count - 1; i++)
        {
            Assert.True(gaps[i] >= delays[i].Delay, $"attempt {i + 2} came {gaps[i]} µs after attempt {i + 1}, back-off was {delays[i].Delay}");
        }

        chaos.RefusePercent = 0;
        Assert.True(h.RunUntilOnline());
        Assert.Equal(0, h.Session.ConsecutiveFailures);

        delays.Clear();
        h.Broker.DropDeviceConnection();
        h.Step();

        Assert.Equal(MqttSessionState.BackingOff, h.Session.State);
        Assert.Equal(1, delays.Single().Failures);
        Assert.InRange(delays.Single().Delay, o.BackoffMinMicros / 2, o.BackoffMinMicros);
    }

    [Fact]
    public void AConnectAttemptThatNeverAnswersTimesOutAndBacksOff()
    {
        var chaos = ChaosSchedule.Calm();
        chaos.HangPercent = 100;
        var h = new MqttSessionHarness(chaos);

        h.Step();
        Assert.Equal(MqttSessionState.Connecting, h.Session.State);

        Assert.True(h.RunUntil(() => h.Session.State == MqttSessionState.BackingOff, h.Options.ConnectTimeoutMicros + MqttSessionHarness.StepMicros));
        Assert.True(h.Clock.NowMicros >= h.Options.ConnectTimeoutMicros);
        Assert.Equal(1, h.Link.DisconnectCalls);
        Assert.Equal(1, h.Session.ConsecutiveFailures);

        chaos.HangPercent = 0;
        Assert.True(h.RunUntilOnline());
        Assert.Empty(h.Broker.ProtocolViolations);
    }

    [Fact]
    public void WrongCredentialsAreRefusedAndRetriedWithBackoff()
    {
        var h = new MqttSessionHarness();
        h.Broker.Register(MqttSessionHarness.DeviceId, "not-the-derived-password");

        h.RunUntil(() => h.Session.ConsecutiveFailures == 3, 30_000_000);

        Assert.Equal(MqttSessionState.BackingOff, h.Session.State);
        Assert.Equal(3, h.Link.ConnectRequests.Count);
        Assert.Empty(h.Observer.ConnectionChanges);
    }
}
