namespace Millwright.Controller.Cli.Bench;

/// <summary>How a <see cref="SimulatedDevice"/> behaves. The defaults are the firmware's (MqttSessionOptions).</summary>
internal sealed record SimulatedDeviceOptions
{
    /// <summary>Frames published and not yet covered by an ack, at most (firmware: MaxInFlightFrames).</summary>
    internal int Window { get; init; } = 8;

    /// <summary>When the oldest frame in flight has waited this long, everything unacked is sent again.</summary>
    internal TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(15);

    internal int SamplesPerFrame { get; init; } = 6;

    /// <summary>Frames the outbox holds; a frame produced beyond it is counted as dropped (not signed, no sequence).</summary>
    internal int MaxOutbox { get; init; } = 100_000;

    /// <summary>Closed loop: a new frame is produced whenever the outbox has fewer than <see cref="Window"/> frames
    /// (saturating load). Otherwise frames are produced only by <see cref="SimulatedDevice.Produce"/>.</summary>
    internal bool ClosedLoop { get; init; }

    /// <summary>Wait before reconnecting after a lost connection (up to half of it is taken off at random).</summary>
    internal TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
