namespace Millwright.Controller.Configuration;

/// <summary>The ingest pipeline (configuration section "Millwright:Ingest").</summary>
public sealed class IngestOptions
{
    public const string Section = "Millwright:Ingest";

    /// <summary>Messages waiting between MQTT and verification; when full, MQTT receipt waits (back-pressure).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most verified records written in one storage transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Longest a verified record waits for its batch to fill before the batch is written anyway.</summary>
    public TimeSpan BatchMaxDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How far ahead of the controller's clock a synced device's time may be.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far behind the controller's clock a synced device's time may be. Much larger than
    /// <see cref="MaxClockSkew"/>: a device re-sends its flash outbox after an outage, so old frames are normal.
    /// </summary>
    public TimeSpan MaxFrameAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Largest message accepted; larger ones are quarantined as oversize. At most the protocol's 2048 bytes.</summary>
    public int MaxMessageBytes { get; set; } = 2048;
}
