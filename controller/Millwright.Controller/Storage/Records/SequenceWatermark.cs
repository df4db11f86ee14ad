namespace Millwright.Controller.Storage.Records;

/// <summary>
/// Durable progress of one (device, epoch): <see cref="ContiguousSequence"/> is the largest n such that every
/// number 1..n is stored as a frame or gap record or lies in a stored gap record's dropped range (0 = nothing yet) —
/// the value to ack. <see cref="HighestSequence"/> is the highest number covered; <see cref="OpenGapCount"/> the
/// number of missing ranges between them.
/// </summary>
public readonly record struct SequenceWatermark(
    string DeviceId,
    int Epoch,
    long ContiguousSequence,
    long HighestSequence,
    int OpenGapCount);
