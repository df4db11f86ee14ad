using System.Diagnostics.Metrics;
using Millwright.Controller.Ingest;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Metrics;

/// <summary>
/// The controller's instruments (System.Diagnostics.Metrics), named as Prometheus series so
/// <see cref="PrometheusTextExporter"/> can print them unchanged on /metrics.
/// </summary>
public sealed class ControllerMetrics : IDisposable
{
    public const string MeterName = "Millwright.Controller";

    private readonly Counter<long> _framesReceived;
    private readonly Counter<long> _framesStored;
    private readonly Counter<long> _framesDuplicate;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _acksSent;
    private readonly Counter<long> _mqttDenied;
    private readonly Histogram<double> _ingestLatency;
    private readonly Histogram<double> _batchCommit;

    public ControllerMetrics()
    {
        Meter = new Meter(MeterName);
        _framesReceived = Meter.CreateCounter<long>("millwright_frames_received_total", description: "Messages received on device frames topics.");
        _framesStored = Meter.CreateCounter<long>("millwright_frames_stored_total", description: "Frames and gap records stored for the first time.");
        _framesDuplicate = Meter.CreateCounter<long>("millwright_frames_duplicate_total", description: "Re-sent frames already stored: acked again, not stored twice.");
        _rejected = Meter.CreateCounter<long>("millwright_frames_rejected_total", description: "Messages quarantined, by reason.");
        _acksSent = Meter.CreateCounter<long>("millwright_acks_sent_total", description: "Signed acks published to devices.");
        _mqttDenied = Meter.CreateCounter<long>("millwright_mqtt_denied_total", description: "MQTT connects, publishes and subscriptions refused by the embedded broker.");
        _ingestLatency = Meter.CreateHistogram<double>("millwright_ingest_latency_seconds", unit: "s", description: "From MQTT receipt of a frame to the publish of the ack that covers it.");
        _batchCommit = Meter.CreateHistogram<double>("millwright_store_batch_seconds", unit: "s", description: "Duration of one storage transaction of the batch writer.");
    }

    public Meter Meter { get; }

    public void FrameReceived() => _framesReceived.Add(1);

    public void FramesStored(int count) => _framesStored.Add(count);

    public void FramesDuplicate(int count) => _framesDuplicate.Add(count);

    public void Rejected(QuarantineReason reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", QuarantineReasons.Name(reason)));

    public void AckSent() => _acksSent.Add(1);

    /// <summary>One refused broker operation; <paramref name="action"/> is connect, publish or subscribe.</summary>
    public void MqttDenied(string action) => _mqttDenied.Add(1, new KeyValuePair<string, object?>("action", action));

    public void IngestLatency(TimeSpan elapsed) => _ingestLatency.Record(elapsed.TotalSeconds);

    public void BatchCommitted(TimeSpan elapsed) => _batchCommit.Record(elapsed.TotalSeconds);

    /// <summary>Registers a gauge read at every scrape (queue depths, connected devices).</summary>
    public void Gauge(string name, string description, Func<long> read) =>
        Meter.CreateObservableGauge(name, read, description: description);

    public void Dispose() => Meter.Dispose();
}
