using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Millwright.Controller.Metrics;

/// <summary>
/// Listens to one <see cref="Meter"/> and renders its instruments in the Prometheus text exposition format
/// (version 0.0.4): counters as running totals, gauges as the value observed at scrape time, histograms as
/// cumulative buckets with _sum and _count. Small on purpose: no exemplars, no summaries.
/// </summary>
public sealed class PrometheusTextExporter : IDisposable
{
    /// <summary>Bucket bounds in seconds: fine below 250 ms, where the ingest latency target lies.</summary>
    internal static readonly double[] SecondsBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _instruments = new();
    private readonly Lock _scrapeLock = new();

    public PrometheusTextExporter(ControllerMetrics metrics)
    {
        Meter meter = metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                _instruments.TryAdd(instrument, new InstrumentSeries(instrument));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Reads the gauges and renders every series.</summary>
    public string Render()
    {
        lock (_scrapeLock)
        {
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (InstrumentSeries series in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                series.Render(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_instruments.TryGetValue(instrument, out InstrumentSeries? series))
        {
            series.Record(value, Labels(tags));
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var labels = new StringBuilder();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            labels.Append(labels.Length == 0 ? '{' : ',');
            string value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            labels.Append(tag.Key).Append("=\"")
                .Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append('"');
        }

        return labels.Append('}').ToString();
    }
}
