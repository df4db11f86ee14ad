using System.Diagnostics;

namespace Millwright.Controller.Cli.Bench;

/// <summary>
/// Publish→ack latencies, recorded lock-free from many devices' threads. Buckets: 0.1 ms up to 100 ms, 10 ms up to
/// 10 s, 1 s up to 10 min (above that: the last bucket), so a percentile is exact to within its bucket's width —
/// enough to compare against a 250 ms target without keeping every sample.
/// </summary>
internal sealed class LatencyHistogram
{
    private const long FineLimitMicros = 100_000;
    private const long FineWidthMicros = 100;
    private const long MediumLimitMicros = 10_000_000;
    private const long MediumWidthMicros = 10_000;
    private const long CoarseWidthMicros = 1_000_000;
    private const int FineBuckets = (int)(FineLimitMicros / FineWidthMicros);
    private const int MediumBuckets = (int)((MediumLimitMicros - FineLimitMicros) / MediumWidthMicros);
    private const int CoarseBuckets = 600;

    private readonly long[] _counts = new long[FineBuckets + MediumBuckets + CoarseBuckets];
    private long _total;

    internal long Count => Interlocked.Read(ref _total);

    internal void Record(long fromTimestamp, long toTimestamp)
    {
        long micros = Math.Max(0, (toTimestamp - fromTimestamp) * 1_000_000 / Stopwatch.Frequency);
        Interlocked.Increment(ref _counts[Bucket(micros)]);
        Interlocked.Increment(ref _total);
    }

    internal void Reset()
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }

        Interlocked.Exchange(ref _total, 0);
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="percent"/>th percentile; zero when empty.</summary>
    internal TimeSpan Percentile(double percent)
    {
        long total = Count;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(total * percent / 100.0));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(UpperEdgeMicros(i));
            }
        }

        return TimeSpan.FromMicroseconds(UpperEdgeMicros(_counts.Length - 1));
    }

    private static int Bucket(long micros)
    {
        if (micros < FineLimitMicros)
        {
            return (int)(micros / FineWidthMicros);
        }

        if (micros < MediumLimitMicros)
        {
            return FineBuckets + (int)((micros - FineLimitMicros) / MediumWidthMicros);
        }

        return FineBuckets + MediumBuckets + (int)Math.Min(CoarseBuckets - 1, (micros - MediumLimitMicros) / CoarseWidthMicros);
    }

    private static long UpperEdgeMicros(int bucket)
    {
        if (bucket < FineBuckets)
        {
            return (bucket + 1) * FineWidthMicros;
        }

        if (bucket < FineBuckets + MediumBuckets)
        {
            return FineLimitMicros + ((bucket - FineBuckets + 1) * MediumWidthMicros);
        }

        return MediumLimitMicros + ((bucket - FineBuckets - MediumBuckets + 1) * CoarseWidthMicros);
    }
}
