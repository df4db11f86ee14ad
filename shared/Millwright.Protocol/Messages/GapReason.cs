namespace Millwright.Protocol.Messages;

/// <summary>Why a device had to drop a range of frames.</summary>
public enum GapReason
{
    /// <summary>The flash outbox was full: the oldest unacknowledged frames were dropped to make room.</summary>
    OutboxOverflow = 1,

    /// <summary>Records failed their CRC on recovery (flash damage) and were discarded.</summary>
    StorageCorruption = 2,

    /// <summary>
    /// Numbers reserved before a reboot and never used: sequence numbers are reserved in blocks so that flash is
    /// not written per frame, and a reboot skips the rest of the block.
    /// </summary>
    UnusedAfterRestart = 3,
}
