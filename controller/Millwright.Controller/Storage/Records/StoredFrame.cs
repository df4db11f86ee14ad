namespace Millwright.Controller.Storage.Records;

/// <summary>A stored frame in log order. Log indexes are dense from 1 and assigned in commit order (the Merkle leaf
/// index is LogIndex − 1).</summary>
public sealed record StoredFrame(
    long LogIndex,
    string DeviceId,
    int Epoch,
    long Sequence,
    FrameKind Kind,
    DateTimeOffset ReceivedAt,
    byte[] RawMessage);
