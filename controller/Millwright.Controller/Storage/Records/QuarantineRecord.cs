using Millwright.Protocol;

namespace Millwright.Controller.Storage.Records;

/// <summary>A stored quarantine entry. <see cref="RawMessage"/> may be truncated; <see cref="OriginalLength"/> is
/// the length received.</summary>
public sealed record QuarantineRecord(
    long Id,
    DateTimeOffset ReceivedAt,
    string Topic,
    string? DeviceId,
    QuarantineReason Reason,
    ProtocolError? ProtocolError,
    string Detail,
    byte[] RawMessage,
    int OriginalLength);
