using Millwright.Firmware.Hardware;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// Rebuilds the outbox index at start-up from the segment files. Each file is read record by record and keeps its
/// longest run of whole records whose magic, length, CRC and rising sequence check out. What follows is either a torn
/// tail (a record running past the end of the file: what a power cut leaves of an append that never returned, so
/// dropped silently) or damage (bytes that cannot be a record: reported as a StorageCorruption loss up to the next
/// record still held). Files with no whole record are deleted; appends go to a fresh segment after any tail.
/// </summary>
internal sealed class OutboxRecovery
{
    private readonly IRecordStore _store;
    private readonly OutboxRecordReader _reader;
    private readonly byte[] _buffer;
    private int _records;
    private ulong _first;
    private ulong _last;
    private int _length;

    public OutboxRecovery(IRecordStore store, OutboxRecordReader reader, byte[] buffer)
    {
        _store = store;
        _reader = reader;
        _buffer = buffer;
    }

    /// <summary>Damaged regions found (each ends a segment's usable data).</summary>
    public int Corruptions { get; private set; }

    public OutboxSegments Run(int namedSlots, ulong acked, OutboxLossQueue losses)
    {
        string[] names = _store.List(OutboxSegments.Prefix);
        var segments = new OutboxSegments(namedSlots, names.Length + 2);
        for (int i = 0; i < names.Length; i++)
        {
            int slot = OutboxSegments.ParseSlot(names[i]);
            if (slot < 0)
            {
                continue;
            }

            RecordStatus tail = Scan(names[i]);
            if (_records == 0)
            {
                _store.Delete(names[i]);
                Corruptions += tail == RecordStatus.Corrupt ? 1 : 0;
                continue;
            }

            segments.Add(slot, names[i], _first, _last, _records, _length, tail);
        }

        segments.SortByFirst();
        RemoveOverlapsAndAcked(segments, acked);
        ReportDamage(segments, acked, losses);
        return segments;
    }

    private RecordStatus Scan(string name)
    {
        int end = _store.Length(name);
        _records = 0;
        _length = 0;
        while (true)
        {
            RecordStatus status = _reader.ReadHeader(name, _length, end);
            if (status == RecordStatus.Valid)
            {
                status = _records > 0 && _reader.Sequence <= _last
                    ? RecordStatus.Corrupt
                    : _reader.ReadPayload(name, _length, _buffer, 0);
            }

            if (status != RecordStatus.Valid)
            {
                return status;
            }

            if (_records == 0)
            {
                _first = _reader.Sequence;
            }

            _last = _reader.Sequence;
            _records++;
            _length += _reader.RecordLength;
        }
    }

    // Appends only ever raise the sequence, so segments cannot overlap; if a store ever made them, the later one goes,
    // so that no number is sent twice with different content.
    private void RemoveOverlapsAndAcked(OutboxSegments segments, ulong acked)
    {
        int i = 0;
        while (i < segments.Count)
        {
            bool overlaps = i > 0 && segments.First(i) <= segments.Last(i - 1);
            if (overlaps || segments.Last(i) <= acked)
            {
                Corruptions += overlaps ? 1 : 0;
                _store.Delete(segments.Name(i));
                segments.RemoveAt(i);
                continue;
            }

            i++;
        }
    }

    private void ReportDamage(OutboxSegments segments, ulong acked, OutboxLossQueue losses)
    {
        for (int i = 0; i < segments.Count; i++)
        {
            if (segments.Tail(i) != RecordStatus.Corrupt)
            {
                continue;
            }

            Corruptions++;
            ulong start = (segments.Last(i) > acked ? segments.Last(i) : acked) + 1;
            if (i + 1 == segments.Count)
            {
                losses.AddOpen(start, GapReason.StorageCorruption);
            }
            else if (start < segments.First(i + 1))
            {
                losses.Add(start, segments.First(i + 1) - 1, GapReason.StorageCorruption, -1);
            }
        }
    }
}
