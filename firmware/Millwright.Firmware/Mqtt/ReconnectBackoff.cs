using System;

namespace Millwright.Firmware.Mqtt;

/// <summary>
/// Exponential back-off with jitter ("equal jitter" at 50 %): after the n-th consecutive failure the ceiling is
/// min(max, min · 2^(n-1)) and the delay is the ceiling less a random share of up to <c>jitterPercent</c> of it.
/// Integer arithmetic only (the ESP32 computes doubles in single precision).
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly long _min;
    private readonly long _max;
    private readonly int _jitterPercent;
    private readonly Random _random;

    public ReconnectBackoff(long minMicros, long maxMicros, int jitterPercent, Random random)
    {
        _min = minMicros;
        _max = maxMicros;
        _jitterPercent = jitterPercent;
        _random = random;
    }

    /// <summary>Failures since the last successful connect.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>The ceiling of the delay after <paramref name="failures"/> consecutive failures (from 1).</summary>
    public static long Ceiling(long minMicros, long maxMicros, int failures)
    {
        long ceiling = minMicros;
        for (int i = 1; i < failures && ceiling < maxMicros; i++)
        {
            // Doubling stops at the maximum, so this never overflows.
            ceiling = ceiling > maxMicros / 2 ? maxMicros : ceiling * 2;
        }

        return ceiling < maxMicros ? ceiling : maxMicros;
    }

    /// <summary>Records one more failure and returns how long to wait before the next attempt.</summary>
    public long NextDelayMicros()
    {
        if (ConsecutiveFailures < int.MaxValue)
        {
            ConsecutiveFailures++;
        }

        long ceiling = Ceiling(_min, _max, ConsecutiveFailures);
        long span = ceiling / 100 * _jitterPercent + ceiling % 100 * _jitterPercent / 100;
        int perMille = _random.Next(1001);

        // Split so that no product overflows, whatever the maximum back-off.
        long jitter = span / 1000 * perMille + span % 1000 * perMille / 1000;
        return ceiling - jitter;
    }

    public void Reset()
    {
        ConsecutiveFailures = 0;
    }
}
