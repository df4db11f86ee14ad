using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Millwright.Controller.Metrics;

/// <summary>The series of one instrument, keyed by their rendered label set, and how to print them.</summary>
internal sealed class InstrumentSeries(Instrument instrument)
{
    private readonly ConcurrentDictionary<string, SeriesValue> _series = new(StringComparer.Ordinal);
    private readonly bool _isHistogram = instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);
    private readonly bool _isGauge = instrument.IsObservable || instrument.GetType().Name.StartsWith("Gauge", StringComparison.Ordinal);

    internal string Name => instrument.Name;

    internal void Record(double value, string labels)
    {
        SeriesValue series = _series.GetOrAdd(labels, _ => new SeriesValue(_isHistogram ? PrometheusTextExporter.SecondsBuckets.Length : 0));
        series.Record(value, _isHistogram, _isGauge);
    }

    internal void Render(StringBuilder text)
    {
        string type = _isHistogram ? "histogram" : _isGauge ? "gauge" : "counter";
        if (!string.IsNullOrEmpty(instrument.Description))
        {
            text.Append("# HELP ").Append(Name).Append(' ').Append(instrument.Description).Append('\n');
        }

        text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
        if (_series.IsEmpty && !_isGauge)
        {
            // Nothing counted yet: show the zero, so the series exists from the first scrape.
            _series.TryAdd(string.Empty, new SeriesValue(_isHistogram ? PrometheusTextExporter.SecondsBuckets.Length : 0));
        }

        foreach ((string labels, SeriesValue value) in _series.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (_isHistogram)
            {
                RenderHistogram(text, labels, value);
            }
            else
            {
                text.Append(Name).Append(labels).Append(' ').Append(Number(value.Total)).Append('\n');
            }
        }
    }

    private void RenderHistogram(StringBuilder text, string labels, SeriesValue value)
    {
        (long[] buckets, long count, double sum) = value.Snapshot();
        long cumulative = 0;
        double[] bounds = PrometheusTextExporter.SecondsBuckets;
        for (int i = 0; i < bounds.Length; i++)
        {
            cumulative += buckets[i];
            AppendBucket(text, labels, Number(bounds[i]), cumulative);
        }

        AppendBucket(text, labels, "+Inf", count);
        text.Append(Name).Append("_sum").Append(labels).Append(' ').Append(Number(sum)).Append('\n');
        text.Append(Name).Append("_count").Append(labels).Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private void AppendBucket(StringBuilder text, string labels, string bound, long count)
    {
        string le = $"le=\"{bound}\"";
        string bucketLabels = labels.Length == 0 ? "{" + le + "}" : labels[..^1] + "," + le + "}";
        text.Append(Name).Append("_bucket").Append(bucketLabels).Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
