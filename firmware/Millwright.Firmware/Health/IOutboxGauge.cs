namespace Millwright.Firmware.Health;

/// <summary>The two outbox figures health telemetry reports (the runtime adapts the outbox to this).</summary>
public interface IOutboxGauge
{
    /// <summary>Messages stored and not yet acknowledged by the controller.</summary>
    long Depth { get; }

    /// <summary>Messages dropped since boot (overflow, flash damage); each drop range is also sent as a signed gap record.</summary>
    long Drops { get; }
}
