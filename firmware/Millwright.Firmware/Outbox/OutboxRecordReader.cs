using Millwright.Firmware.Hardware;
using Millwright.Firmware.Storage;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// Reads and checks outbox records in segment files through fixed buffers (no allocation per record). A header is read
/// first, so scans can skip payloads; the payload and CRC are read only for a record that is wanted.
/// </summary>
internal sealed class OutboxRecordReader
{
    private readonly IRecordStore _store;
    private readonly byte[] _header = new byte[OutboxRecordFormat.HeaderBytes];
    private readonly byte[] _crc = new byte[OutboxRecordFormat.CrcBytes];

    public OutboxRecordReader(IRecordStore store)
    {
        _store = store;
    }

    /// <summary>Sequence number in the last header read.</summary>
    public ulong Sequence { get; private set; }

    /// <summary>Payload length in the last header read.</summary>
    public int PayloadLength { get; private set; }

    /// <summary>Bytes of the whole record whose header was read last.</summary>
    public int RecordLength
    {
        get { return OutboxRecordFormat.OverheadBytes + PayloadLength; }
    }

    /// <summary>
    /// Reads the header at <paramref name="position"/> of a file whose data ends at <paramref name="end"/>.
    /// <see cref="RecordStatus.Torn"/> when the header is partial, or whole and correct but its record runs past
    /// <paramref name="end"/> (what a cut append leaves); <see cref="RecordStatus.Corrupt"/> when the header fails its checks.
    /// </summary>
    public RecordStatus ReadHeader(string name, int position, int end)
    {
        int remaining = end - position;
        if (remaining <= 0)
        {
            return RecordStatus.End;
        }

        if (remaining < OutboxRecordFormat.HeaderBytes ||
            _store.Read(name, position, _header, 0, OutboxRecordFormat.HeaderBytes) != OutboxRecordFormat.HeaderBytes)
        {
            return RecordStatus.Torn;
        }

        int length = OutboxRecordFormat.PayloadLength(_header, 0);
        if (length < 0)
        {
            return RecordStatus.Corrupt;
        }

        PayloadLength = length;
        Sequence = OutboxRecordFormat.Sequence(_header, 0);
        if (remaining < OutboxRecordFormat.OverheadBytes + length)
        {
            return RecordStatus.Torn;
        }

        return Sequence == 0 ? RecordStatus.Corrupt : RecordStatus.Valid;
    }

    /// <summary>
    /// After <see cref="ReadHeader"/> returned <see cref="RecordStatus.Valid"/> for <paramref name="position"/>: copies
    /// the payload into <paramref name="buffer"/> and checks the payload's CRC.
    /// </summary>
    public RecordStatus ReadPayload(string name, int position, byte[] buffer, int offset)
    {
        int length = PayloadLength;
        int payloadPosition = position + OutboxRecordFormat.HeaderBytes;
        if (_store.Read(name, payloadPosition, buffer, offset, length) != length ||
            _store.Read(name, payloadPosition + length, _crc, 0, OutboxRecordFormat.CrcBytes) != OutboxRecordFormat.CrcBytes)
        {
            return RecordStatus.Corrupt;
        }

        uint crc = Crc32.Compute(buffer, offset, length);
        return crc == LittleEndian.ReadUInt32(_crc, 0) ? RecordStatus.Valid : RecordStatus.Corrupt;
    }

    /// <summary>
    /// Walks the headers from the start of a file up to <paramref name="end"/>; returns the bytes of whole records before
    /// the first bad header, with their count and last sequence number.
    /// </summary>
    public int CountWhole(string name, int end, out int records, out ulong last)
    {
        int length = 0;
        records = 0;
        last = 0;
        while (length < end && ReadHeader(name, length, end) == RecordStatus.Valid)
        {
            records++;
            last = Sequence;
            length += RecordLength;
        }

        return length;
    }
}
