namespace Millwright.Controller.Storage.Records;

/// <summary>The committed result of one batch: an outcome per input frame (same order) and the watermark after
/// commit of every (device, epoch) the batch touched, duplicates included, so every sender can be acked.</summary>
public sealed record StoreFramesResult(
    IReadOnlyList<FrameStoreOutcome> Outcomes,
    IReadOnlyList<SequenceWatermark> Watermarks)
{
    public int StoredCount => Outcomes.Count(o => o.Status == FrameStoreStatus.Stored);

    public int DuplicateCount => Outcomes.Count(o => o.Status == FrameStoreStatus.Duplicate);

    public int ConflictCount => Outcomes.Count(o => o.Status == FrameStoreStatus.Conflict);
}
