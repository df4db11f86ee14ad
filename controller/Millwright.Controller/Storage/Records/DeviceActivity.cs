namespace Millwright.Controller.Storage.Records;

/// <summary>What the stored frames say about a device: when a frame last arrived, and the epoch, highest sequence
/// and boot counter of the frames stored.</summary>
public sealed record DeviceActivity(
    DateTimeOffset LastSeenAt,
    int LastEpoch,
    long LastSequence,
    uint LastBootCounter,
    long FramesStored);
