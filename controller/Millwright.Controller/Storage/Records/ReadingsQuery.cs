namespace Millwright.Controller.Storage.Records;

/// <summary>Readings of one device (optionally one channel) with time in [<see cref="FromMicros"/>,
/// <see cref="ToMicros"/>), at most <see cref="Limit"/>. <see cref="After"/> is the previous page's cursor.</summary>
public sealed record ReadingsQuery(string DeviceId, long FromMicros, long ToMicros, int Limit)
{
    public int? ChannelId { get; init; }

    public ReadingCursor? After { get; init; }
}
