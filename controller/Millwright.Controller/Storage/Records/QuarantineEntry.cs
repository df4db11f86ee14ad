using Millwright.Protocol;

namespace Millwright.Controller.Storage.Records;

/// <summary>A rejected message to keep: the raw bytes, where and when it came, and why. <see cref="DeviceId"/> is the
/// topic's device level when the topic parsed; <see cref="ProtocolError"/> the library's code when it raised one.</summary>
public sealed record QuarantineEntry(
    byte[] RawMessage,
    string Topic,
    DateTimeOffset ReceivedAt,
    QuarantineReason Reason,
    string Detail)
{
    /// <summary>Raw bytes kept per entry; larger messages (oversize floods) are truncated to this, the length kept.</summary>
    public const int MaxStoredBytes = 4096;

    public string? DeviceId { get; init; }

    public ProtocolError? ProtocolError { get; init; }

    /// <summary>The length that arrived when <see cref="RawMessage"/> was already cut on receipt (an oversized
    /// message); null means RawMessage is whole.</summary>
    public int? OriginalLength { get; init; }
}
