namespace Millwright.Controller.Storage.Records;

/// <summary>The outcome for one frame, at the same index as in the batch. <see cref="LogIndex"/> is the index of the
/// stored frame: the new one when stored, the earlier one for a duplicate, null for a conflict.</summary>
public readonly record struct FrameStoreOutcome(FrameStoreStatus Status, long? LogIndex);
