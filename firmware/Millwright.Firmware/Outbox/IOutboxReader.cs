namespace Millwright.Firmware.Outbox;

/// <summary>What the MQTT session needs of the outbox: read in order for replay, free what an ack covers.</summary>
public interface IOutboxReader
{
    /// <summary>
    /// Copies the stored message with the lowest sequence number above <paramref name="afterSequence"/> into
    /// <paramref name="buffer"/>; returns its length and sequence number, or 0 when there is none.
    /// </summary>
    int ReadAfter(ulong afterSequence, byte[] buffer, int offset, out ulong sequence);

    /// <summary>Frees every message with a sequence number up to <paramref name="ackedSequence"/>.</summary>
    void Acknowledge(ulong ackedSequence);

    /// <summary>Messages stored and not yet acknowledged.</summary>
    long Depth { get; }
}
