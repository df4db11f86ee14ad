namespace Millwright.Protocol.Messages;

/// <summary>
/// A signed statement that the frames <see cref="FirstDropped"/>..<see cref="LastDropped"/> will never arrive.
/// It takes a sequence number of its own, so the controller's contiguity check covers it like any frame.
/// </summary>
public sealed class GapRecord
{
    public GapRecord()
    {
        DeviceId = string.Empty;
    }

    public string DeviceId { get; set; }

    public uint BootCounter { get; set; }

    public ulong Sequence { get; set; }

    public long TimeMicros { get; set; }

    public TimeQuality TimeQuality { get; set; }

    public ulong FirstDropped { get; set; }

    public ulong LastDropped { get; set; }

    public GapReason Reason { get; set; }
}
