using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// The gap reason of the record each boot writes for the numbers between the newest record the previous boot left and
/// the first number of this boot: numbers reserved on flash (<c>SequenceAllocator</c>) and never used, or used by a
/// record a power cut tore. Without a gap record over them the controller's contiguous ack (protocol.md §7.3) would stop
/// there for good. Value 3: protocol.md §5.2 reserves 3–255 ("accepted, meaning unknown") and <see cref="GapReason"/>
/// names no such reason yet; this is the value to name there.
/// </summary>
public static class RestartGap
{
    public const GapReason Reason = (GapReason)3;
}
