namespace Millwright.Controller.Storage.Records;

/// <summary>One stored reading: time = frame time + sample offset (µs since the Unix epoch). <see cref="LogIndex"/>
/// names the signed frame it came from (for proofs).</summary>
public sealed record Reading(
    long ReadingId,
    string DeviceId,
    int ChannelId,
    long TimeMicros,
    float Value,
    int Epoch,
    long Sequence,
    long LogIndex);
