namespace Millwright.Controller.Storage.Records;

/// <summary>What became of one frame of a batch.</summary>
public enum FrameStoreStatus
{
    /// <summary>Stored now, with a new log index.</summary>
    Stored = 1,

    /// <summary>The same bytes were already stored (or came earlier in the batch): ack again, store nothing.</summary>
    Duplicate = 2,

    /// <summary>A different message with the same (device, epoch, sequence) is stored: not stored; quarantine it
    /// loudly (protocol §13 item 2: a device that lost its counter but kept its secret).</summary>
    Conflict = 3,
}
