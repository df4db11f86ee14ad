using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// The gap reason of the record each boot writes for the numbers between the newest record the previous boot left and
/// the first number of this boot: numbers reserved on flash (<c>SequenceAllocator</c>) and never used, or used by a
/// record a power cut tore. Without a gap record over them the controller's contiguous ack (protocol.md §7.3) would stop
/// there for good (protocol.md §5.2, gap reason 3).
/// </summary>
public static class RestartGap
{
    public const GapReason Reason = GapReason.UnusedAfterRestart;
}
