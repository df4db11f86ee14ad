using Millwright.Firmware.Outbox;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// An in-memory outbox for the MQTT session tests (the real flash OutboxLog is tested on its own): stores signed
/// messages by sequence number, frees what an ack covers, and counts how it is used.
/// </summary>
internal sealed class MqttTestOutbox : IOutboxReader
{
    private readonly SortedSet<ulong> _sequences = new();
    private readonly Dictionary<ulong, byte[]> _messages = new();
    private readonly Dictionary<ulong, byte[]> _appended = new();

    public long Depth => _sequences.Count;

    public int Reads { get; private set; }

    public int AcknowledgeCalls { get; private set; }

    /// <summary>Highest sequence ever passed to <see cref="Acknowledge"/>.</summary>
    public ulong HighestAcknowledged { get; private set; }

    /// <summary>Every message ever appended, by sequence (kept after it is freed, for the tests' checks).</summary>
    public IReadOnlyDictionary<ulong, byte[]> Appended => _appended;

    public void Append(ulong sequence, byte[] message)
    {
        if (_appended.ContainsKey(sequence))
        {
            throw new InvalidOperationException($"sequence {sequence} appended twice");
        }

        _sequences.Add(sequence);
        _messages[sequence] = message;
        _appended[sequence] = message;
    }

    public int ReadAfter(ulong afterSequence, byte[] buffer, int offset, out ulong sequence)
    {
        Reads++;
        sequence = 0;
        if (afterSequence == ulong.MaxValue || _sequences.Count == 0)
        {
            return 0;
        }

        SortedSet<ulong> later = _sequences.GetViewBetween(afterSequence + 1, ulong.MaxValue);
        if (later.Count == 0)
        {
            return 0;
        }

        sequence = later.Min;
        byte[] message = _messages[sequence];
        Array.Copy(message, 0, buffer, offset, message.Length);
        return message.Length;
    }

    public void Acknowledge(ulong ackedSequence)
    {
        AcknowledgeCalls++;
        HighestAcknowledged = Math.Max(HighestAcknowledged, ackedSequence);
        while (_sequences.Count > 0 && _sequences.Min <= ackedSequence)
        {
            ulong first = _sequences.Min;
            _sequences.Remove(first);
            _messages.Remove(first);
        }
    }
}
