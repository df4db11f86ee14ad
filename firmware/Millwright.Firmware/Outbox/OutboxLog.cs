using System;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Storage;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// The flash outbox: an append-only log of signed messages in segment files (record format: <see cref="OutboxRecordFormat"/>),
/// bounded by <see cref="OutboxOptions"/>. <see cref="Append"/> is durable when it returns. Start-up recovery keeps every
/// whole record and never yields a torn, damaged or repeated one (<see cref="OutboxRecovery"/>). Records leave only when
/// an ack covers them (<see cref="Acknowledge"/>) or when the outbox is full: then the oldest segment is dropped, but only
/// after the caller has stored a gap record for it (<see cref="PeekLoss"/>, <see cref="AppendLossRecord"/>), so a power
/// cut can never lose data without the gap being on flash first. Thread-safe: the sampler appends while the MQTT session
/// reads and acknowledges. Appending, reading and acknowledging allocate nothing.
/// </summary>
public sealed class OutboxLog : IOutboxReader
{
    public const string AckFileName = "outbox.acked";
    private const uint AckFileMagic = 0x4B434157; // "WACK"

    private readonly object _sync = new object();
    private readonly IRecordStore _store;
    private readonly OutboxOptions _options;
    private readonly OutboxRecordReader _reader;
    private readonly OutboxSegments _segments;
    private readonly OutboxLossQueue _losses = new OutboxLossQueue();
    private readonly OutboxFloorCounter _floorCounter;
    private readonly OutboxReadCursor _cursor = new OutboxReadCursor();
    private readonly CheckedValueFile _ackFile;
    private readonly byte[] _record = new byte[OutboxRecordFormat.MaxRecordBytes];
    private ulong _acked;
    private ulong _persistedAcked;
    private ulong _droppedThrough;
    private ulong _lastSequence;
    private bool _appendable;

    /// <summary>Recovers the outbox from <paramref name="store"/> (reads every segment once).</summary>
    public OutboxLog(IRecordStore store, OutboxOptions options)
    {
        if (store == null || options == null)
        {
            throw new ArgumentException("outbox needs a store and options");
        }

        options.Validate();
        _store = store;
        _options = options;
        _reader = new OutboxRecordReader(store);
        _floorCounter = new OutboxFloorCounter(_reader);
        _ackFile = new CheckedValueFile(store, AckFileName, AckFileMagic);

        ulong acked;
        // A damaged watermark only means resending what was acked: at-least-once delivery, deduplicated by the controller.
        _ackFile.Read(out acked);
        _acked = acked;
        _persistedAcked = acked;
        var recovery = new OutboxRecovery(store, _reader, _record);
        _segments = recovery.Run(options.MaxSegments + 1, acked, _losses);
        Corruptions = recovery.Corruptions;
        _lastSequence = acked;
        int newest = _segments.Count - 1;
        if (newest >= 0)
        {
            _lastSequence = _segments.Last(newest) > acked ? _segments.Last(newest) : acked;
            _appendable = _segments.Tail(newest) == RecordStatus.End;
        }

        while (LiveSegments() > options.MaxSegments)
        {
            DropOldestLive();
        }
    }

    /// <summary>Records stored and neither acknowledged nor dropped.</summary>
    public long Depth
    {
        get
        {
            lock (_sync)
            {
                long total = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    total += _segments.Records(i);
                }

                return total - _floorCounter.Count(_segments, Floor);
            }
        }
    }

    /// <summary>Highest sequence number covered by an ack (after a reboot: the last one written to flash).</summary>
    public ulong AckedSequence
    {
        get { lock (_sync) { return _acked; } }
    }

    /// <summary>Highest sequence number ever appended, or acknowledged (0 on a fresh device); new ones must be above it.</summary>
    public ulong LastSequence
    {
        get { lock (_sync) { return _lastSequence; } }
    }

    /// <summary>Unacknowledged records dropped because the outbox was full, since start-up.</summary>
    public long DroppedRecords { get; private set; }

    /// <summary>Damaged regions found in flash since start-up (each reported as a StorageCorruption loss where it can be placed).</summary>
    public int Corruptions { get; private set; }

    /// <summary>Losses that found the loss queue full and so get no gap record.</summary>
    public long UnreportedLosses
    {
        get { lock (_sync) { return _losses.Unreported; } }
    }

    public int SegmentCount
    {
        get { lock (_sync) { return _segments.Count; } }
    }

    /// <summary>Bytes of valid records on flash.</summary>
    public long StoredBytes
    {
        get
        {
            lock (_sync)
            {
                long total = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    total += _segments.Length(i);
                }

                return total;
            }
        }
    }

    private ulong Floor
    {
        get { return _acked > _droppedThrough ? _acked : _droppedThrough; }
    }

    /// <summary>
    /// Stores a signed message under <paramref name="sequence"/>, which must be above <see cref="LastSequence"/>.
    /// Durable when it returns. May leave a loss to report (<see cref="PeekLoss"/>).
    /// </summary>
    public void Append(ulong sequence, byte[] message, int offset, int count)
    {
        lock (_sync)
        {
            AppendRecord(sequence, message, offset, count);
        }
    }

    /// <summary>
    /// Copies the oldest loss that needs a gap record into <paramref name="loss"/>; false when there is none. Store the gap
    /// record with <see cref="AppendLossRecord"/>.
    /// </summary>
    public bool PeekLoss(OutboxLoss loss)
    {
        lock (_sync)
        {
            return _losses.Peek(loss);
        }
    }

    /// <summary>
    /// Stores the gap record for the loss <see cref="PeekLoss"/> returned, then retires that loss: a segment dropped for
    /// overflow is deleted only now that its gap record is durable.
    /// </summary>
    public void AppendLossRecord(ulong sequence, byte[] message, int offset, int count)
    {
        lock (_sync)
        {
            if (!_losses.FrontReady)
            {
                throw new InvalidOperationException("outbox has no loss waiting for a gap record");
            }

            long segmentId = _losses.FrontSegmentId;
            AppendRecord(sequence, message, offset, count);
            _losses.RemoveFront();
            int index = segmentId < 0 ? -1 : _segments.IndexOfId(segmentId);
            if (index >= 0)
            {
                DeleteSegment(index);
            }
        }
    }

    public int ReadAfter(ulong afterSequence, byte[] buffer, int offset, out ulong sequence)
    {
        lock (_sync)
        {
            ulong after = afterSequence > Floor ? afterSequence : Floor;
            while (true)
            {
                // Each round that finds damage cuts at least one record from the index, so this ends.
                if (_cursor.Read(_segments, _reader, _floorCounter, after, buffer, offset))
                {
                    sequence = _cursor.Sequence;
                    return _cursor.Length;
                }

                if (_cursor.DamagedSegment < 0)
                {
                    sequence = 0;
                    return 0;
                }

                DiscardFrom(_cursor.DamagedSegment, _cursor.DamagedPosition);
            }
        }
    }

    public void Acknowledge(ulong ackedSequence)
    {
        lock (_sync)
        {
            // An ack above anything stored cannot be ours (another incarnation of this device id): never let it free
            // numbers not yet written.
            ulong acked = ackedSequence > _lastSequence ? _lastSequence : ackedSequence;
            if (acked <= _acked)
            {
                return;
            }

            _acked = acked;
            DeleteCoveredSegments();
            if (_acked - _persistedAcked >= (ulong)_options.AckPersistInterval)
            {
                _ackFile.Write(_acked);
                _persistedAcked = _acked;
            }
        }
    }

    private void AppendRecord(ulong sequence, byte[] message, int offset, int count)
    {
        if (sequence <= _lastSequence)
        {
            throw new ArgumentException("outbox sequence " + sequence.ToString() + " is not above " + _lastSequence.ToString());
        }

        int length = OutboxRecordFormat.Write(sequence, message, offset, count, _record);
        int newest = _segments.Count - 1;
        if (!_appendable || _segments.Length(newest) + length > _options.SegmentBytes)
        {
            OpenSegment();
            newest = _segments.Count - 1;
        }

        try
        {
            _store.Append(_segments.Name(newest), _record, 0, length);
        }
        catch (Exception)
        {
            // The file may now end in part of this record: never append after it.
            _appendable = false;
            throw;
        }

        _segments.AddRecord(newest, sequence, length);
        _lastSequence = sequence;
        _losses.Close(sequence);
    }

    private void OpenSegment()
    {
        _appendable = false;
        DeleteCoveredSegments();
        while (LiveSegments() >= _options.MaxSegments)
        {
            DropOldestLive();
        }

        int slot = _segments.FreeSlot();
        string name = _segments.NameOfSlot(slot);
        // A file left in a free slot (a delete that failed) must not have records appended after its bytes.
        if (_store.Exists(name))
        {
            _store.Delete(name);
        }

        _segments.Add(slot, null, 0, 0, 0, 0, RecordStatus.End);
        _appendable = true;
    }

    // Segments holding records above the floor.
    private int LiveSegments()
    {
        int live = 0;
        ulong floor = Floor;
        for (int i = 0; i < _segments.Count; i++)
        {
            live += _segments.Records(i) > 0 && _segments.Last(i) > floor ? 1 : 0;
        }

        return live;
    }

    // Marks the oldest live segment as dropped: it is no longer read nor counted, and is deleted when its gap is stored.
    private void DropOldestLive()
    {
        ulong floor = Floor;
        int index = 0;
        while (_segments.Records(index) == 0 || _segments.Last(index) <= floor)
        {
            index++;
        }

        int before = _floorCounter.Count(_segments, floor);
        _droppedThrough = _segments.Last(index);
        DroppedRecords += _floorCounter.Count(_segments, Floor) - before;
        ulong first = _segments.First(index) > floor ? _segments.First(index) : floor + 1;
        if (!_losses.Add(first, _droppedThrough, GapReason.OutboxOverflow, _segments.Id(index)))
        {
            DeleteSegment(index);
        }
    }

    private void DeleteCoveredSegments()
    {
        int i = 0;
        while (i < _segments.Count)
        {
            bool current = _appendable && i == _segments.Count - 1;
            if (!current && (_segments.Records(i) == 0 || _segments.Last(i) <= _acked))
            {
                DeleteSegment(i);
                continue;
            }

            i++;
        }
    }

    private void DeleteSegment(int index)
    {
        _store.Delete(_segments.Name(index));
        _segments.RemoveAt(index);
    }

    // The record at `position` of segment `index` failed its checks after start-up (flash damage): keep the records
    // before it, report the rest as a StorageCorruption loss up to the next record still held, and seal the segment.
    private void DiscardFrom(int index, int position)
    {
        string name = _segments.Name(index);
        int records = 0;
        int length = 0;
        ulong last = 0;
        while (length < position && _reader.ReadHeader(name, length, position) == RecordStatus.Valid)
        {
            records++;
            last = _reader.Sequence;
            length += _reader.RecordLength;
        }

        Corruptions++;
        _floorCounter.Reset();
        _cursor.Forget();
        ulong previous = records > 0 ? last : (index > 0 ? _segments.Last(index - 1) : 0);
        ulong start = (previous > Floor ? previous : Floor) + 1;
        bool newest = index == _segments.Count - 1;
        ulong nextFirst = newest ? 0 : _segments.First(index + 1);
        if (newest)
        {
            _appendable = false;
        }

        if (records == 0)
        {
            DeleteSegment(index);
        }
        else
        {
            _segments.Truncate(index, records, last, length, RecordStatus.Corrupt);
        }

        if (newest)
        {
            _losses.AddOpen(start, GapReason.StorageCorruption);
        }
        else if (start < nextFirst)
        {
            _losses.Add(start, nextFirst - 1, GapReason.StorageCorruption, -1);
        }
    }
}
