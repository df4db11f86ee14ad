using Millwright.Controller.Metrics;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Tests.Metrics;

public sealed class PrometheusTextExporterTests
{
    [Fact]
    public void Counters_with_and_without_labels()
    {
        using var metrics = new ControllerMetrics();
        using var exporter = new PrometheusTextExporter(metrics);

        metrics.FrameReceived();
        metrics.FrameReceived();
        metrics.Rejected(QuarantineReason.BadMac);
        metrics.Rejected(QuarantineReason.ClockSkew);
        metrics.Rejected(QuarantineReason.BadMac);
        string text = exporter.Render();

        Assert.Contains("# TYPE millwright_frames_received_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_frames_received_total 2\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_frames_rejected_total{reason=\"bad-mac\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_frames_rejected_total{reason=\"clock-skew\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_has_cumulative_buckets_sum_and_count()
    {
        using var metrics = new ControllerMetrics();
        using var exporter = new PrometheusTextExporter(metrics);

        metrics.IngestLatency(TimeSpan.FromMilliseconds(3));
        metrics.IngestLatency(TimeSpan.FromMilliseconds(30));
        metrics.IngestLatency(TimeSpan.FromSeconds(20));
        string text = exporter.Render();

        Assert.Contains("# TYPE millwright_ingest_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_ingest_latency_seconds_bucket{le=\"0.0025\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_ingest_latency_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_ingest_latency_seconds_bucket{le=\"0.05\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_ingest_latency_seconds_bucket{le=\"10\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_ingest_latency_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_ingest_latency_seconds_count 3\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_ingest_latency_seconds_sum 20.033", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Gauges_are_read_at_scrape_time()
    {
        using var metrics = new ControllerMetrics();
        using var exporter = new PrometheusTextExporter(metrics);
        long depth = 5;
        metrics.Gauge("millwright_test_depth", "A test gauge.", () => depth);

        Assert.Contains("millwright_test_depth 5\n", exporter.Render(), StringComparison.Ordinal);
        depth = 7;
        string text = exporter.Render();

        Assert.Contains("# TYPE millwright_test_depth gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_test_depth 7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Exporters_of_different_controllers_do_not_mix()
    {
        using var first = new ControllerMetrics();
        using var second = new ControllerMetrics();
        using var exporter = new PrometheusTextExporter(first);

        second.FrameReceived();
        first.AckSent();
        string text = exporter.Render();

        Assert.Contains("millwright_frames_received_total 0\n", text, StringComparison.Ordinal);
        Assert.Contains("millwright_acks_sent_total 1\n", text, StringComparison.Ordinal);
    }
}
