using Millwright.Protocol.Messages;

namespace Millwright.Controller.Storage.Records;

/// <summary>The health fields of a device's newest verified status message (protocol §5.8), and when it arrived.</summary>
public sealed record DeviceHealth
{
    public required string DeviceId { get; init; }

    public required uint BootCounter { get; init; }

    public required long StatusTimeMicros { get; init; }

    public required TimeQuality TimeQuality { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required bool Online { get; init; }

    public required string FirmwareVersion { get; init; }

    public required string Board { get; init; }

    public IReadOnlyList<int> Channels { get; init; } = [];

    public ulong UptimeSeconds { get; init; }

    public ulong FreeMemoryBytes { get; init; }

    public int Rssi { get; init; }

    public ulong OutboxDepth { get; init; }

    public ulong OutboxDrops { get; init; }

    public string ResetReason { get; init; } = string.Empty;

    public IReadOnlyList<string> FailedComponents { get; init; } = [];
}
