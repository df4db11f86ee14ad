namespace Millwright.Controller.Cli.Bench;

/// <summary>
/// One measured phase of one scenario: what the fleet offered and got acked per second (every acked frame was
/// verified, stored durably and acked by the controller), publish→ack latency percentiles, CPU of each process in
/// cores (CPU seconds per wall second), what the devices had to resend, the controller's own batch figures
/// (from /metrics; <see cref="SlowBatches"/>: storage transactions over 0.5 s, what a commit-side ack stall would show),
/// and the frames still waiting in outboxes at the end (a growing backlog = not sustained).
/// </summary>
internal sealed record PhaseResult(
    int Devices,
    string Broker,
    string Phase,
    double Seconds,
    double OfferedFramesPerSecond,
    double AckedFramesPerSecond,
    TimeSpan P50,
    TimeSpan P95,
    TimeSpan P99,
    double ControllerCores,
    double GeneratorCores,
    double BrokerCores,
    DeviceCounters DeviceWork,
    long BacklogAtEnd,
    double StoredFramesPerSecond,
    double BatchesPerSecond,
    double BatchCommitMeanMs,
    long SlowBatches)
{
    internal const int ReadingsPerFrame = 6;

    internal double AckedReadingsPerSecond => AckedFramesPerSecond * ReadingsPerFrame;

    internal double FramesPerBatch => BatchesPerSecond > 0 ? StoredFramesPerSecond / BatchesPerSecond : 0;

    /// <summary>Controller CPU milliseconds spent per stored frame (all of it: MQTT, verify, store, ack).</summary>
    internal double ControllerCpuMsPerThousandFrames => AckedFramesPerSecond > 0 ? ControllerCores * 1000 * 1000 / AckedFramesPerSecond : 0;
}
