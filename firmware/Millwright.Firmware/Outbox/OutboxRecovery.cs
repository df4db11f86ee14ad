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
    private bool _unplacedDamage;

    public OutboxRecovery(IRecordStore store, OutboxRecordReader reader, byte[] buffer)
    {
        _store = store;
        _reader = reader;
        _buffer = buffer;
    }

    /// <summary>Damaged regions found (each ends a segment's usable data).</summary>
    public int Corruptions { get; private set; }

    /// <param name="namedSlots">Segment names to make up front.</param>
    /// <param name="floor">Records at or below it are acknowledged or dropped: their segments go.</param>
    /// <param name="losses">Where damage is reported.</param>
    public OutboxSegments Run(int namedSlots, ulong floor, OutboxLossQueue losses)
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
                if (tail == RecordStatus.Corrupt)
                {
                    Corruptions++;
                    _unplacedDamage = true;
                }

                continue;
            }

            segments.Add(slot, names[i], _first, _last, _records, _length, tail);
        }

        segments.SortByFirst();
        RemoveOverlapsAndCovered(segments, floor);
        ReportDamage(segments, floor, losses);
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
    private void RemoveOverlapsAndCovered(OutboxSegments segments, ulong floor)
    {
        int i = 0;
        while (i < segments.Count)
        {
            bool overlaps = i > 0 && segments.First(i) <= segments.Last(i - 1);
            if (overlaps || segments.Last(i) <= floor)
            {
                Corruptions += overlaps ? 1 : 0;
                _store.Delete(segments.Name(i));
                segments.RemoveAt(i);
                continue;
            }

            i++;
        }
    }

    private void ReportDamage(OutboxSegments segments, ulong floor, OutboxLossQueue losses)
    {
        for (int i = 0; i < segments.Count; i++)
        {
            Corruptions += segments.Tail(i) == RecordStatus.Corrupt ? 1 : 0;
        }

        // A damaged file with no whole record cannot be placed: every number above the floor that is not held is then
        // stated lost (true of each: numbers never used, already dropped, or in that file).
        ulong previous = floor;
        for (int i = 0; i < segments.Count; i++)
        {
            if (_unplacedDamage && segments.First(i) > previous + 1)
            {
                losses.Add(previous + 1, segments.First(i) - 1, GapReason.StorageCorruption);
            }

            previous = segments.Last(i);
            bool newest = i + 1 == segments.Count;
            if (segments.Tail(i) == RecordStatus.Corrupt && !newest && segments.First(i + 1) > previous + 1 && !_unplacedDamage)
            {
                losses.Add(previous + 1, segments.First(i + 1) - 1, GapReason.StorageCorruption);
            }
        }

        if (_unplacedDamage || (segments.Count > 0 && segments.Tail(segments.Count - 1) == RecordStatus.Corrupt))
        {
            losses.AddOpen(previous + 1, GapReason.StorageCorruption);
        }
    }
}
