namespace Millwright.Controller.Storage.Records;

/// <summary>A stored gap record: the device declared <see cref="FirstDropped"/>..<see cref="LastDropped"/> lost, in
/// its record <see cref="Sequence"/>, for <see cref="Reason"/> (GapReason values; 3–255 reserved).</summary>
public sealed record DeclaredLoss(
    string DeviceId,
    int Epoch,
    long Sequence,
    long FirstDropped,
    long LastDropped,
    int Reason,
    DateTimeOffset ReceivedAt,
    long LogIndex);
