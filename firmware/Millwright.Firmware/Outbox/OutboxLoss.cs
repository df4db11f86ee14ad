using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// A range of sequence numbers the outbox can no longer deliver, for a signed <see cref="GapRecord"/>: every number
/// in it that the controller has not stored already will never arrive. Filled by <see cref="OutboxLog.PeekLoss"/>
/// into an instance the caller owns, so reporting allocates nothing.
/// </summary>
public sealed class OutboxLoss
{
    public ulong FirstSequence { get; set; }

    public ulong LastSequence { get; set; }

    public GapReason Reason { get; set; }
}
