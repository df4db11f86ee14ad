namespace Millwright.Controller.Storage.Records;

/// <summary>A device with what is known about it (no secrets): activity from frames (null before the first), health
/// from its newest status (null before the first) and the watermark of every epoch.</summary>
public sealed record DeviceOverview(
    DeviceRecord Device,
    DeviceActivity? Activity,
    DeviceHealth? Health,
    IReadOnlyList<SequenceWatermark> Watermarks);
