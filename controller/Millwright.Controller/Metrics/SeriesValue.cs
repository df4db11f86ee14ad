namespace Millwright.Controller.Metrics;

/// <summary>One series: a running total or last value, or histogram buckets with their sum and count.</summary>
internal sealed class SeriesValue(int bucketCount)
{
    private readonly long[] _buckets = new long[bucketCount];
    private readonly Lock _lock = new();
    private double _total;
    private long _count;

    internal double Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    internal void Record(double value, bool histogram, bool gauge)
    {
        lock (_lock)
        {
            if (gauge)
            {
                _total = value;
                return;
            }

            _total += value;
            if (!histogram)
            {
                return;
            }

            _count++;
            double[] bounds = PrometheusTextExporter.SecondsBuckets;
            int index = Array.BinarySearch(bounds, value);
            index = index >= 0 ? index : ~index;
            if (index < _buckets.Length)
            {
                _buckets[index]++;
            }
        }
    }

    internal (long[] Buckets, long Count, double Sum) Snapshot()
    {
        lock (_lock)
        {
            return ((long[])_buckets.Clone(), _count, _total);
        }
    }
}
