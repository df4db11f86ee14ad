namespace Millwright.Protocol.Messages;

/// <summary>
/// Device → controller, signed, retained: the birth (Online = true) published after every connect and
/// periodically as health telemetry, and the death (Online = false) registered as the MQTT Will.
/// </summary>
public sealed class StatusMessage
{
    public StatusMessage()
    {
        DeviceId = string.Empty;
        FirmwareVersion = string.Empty;
        Board = string.Empty;
        ResetReason = string.Empty;
        Channels = new int[0];
        FailedComponents = new string[0];
    }

    public string DeviceId { get; set; }

    public uint BootCounter { get; set; }

    public long TimeMicros { get; set; }

    public TimeQuality TimeQuality { get; set; }

    public bool Online { get; set; }

    public string FirmwareVersion { get; set; }

    public string Board { get; set; }

    /// <summary>Channel ids the device samples.</summary>
    public int[] Channels { get; set; }

    public ulong UptimeSeconds { get; set; }

    public ulong FreeMemoryBytes { get; set; }

    /// <summary>Wi-Fi signal in dBm (0 when unknown).</summary>
    public int Rssi { get; set; }

    public ulong OutboxDepth { get; set; }

    public ulong OutboxDrops { get; set; }

    public string ResetReason { get; set; }

    /// <summary>Names of components in the failed state.</summary>
    public string[] FailedComponents { get; set; }
}
