using System;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Storage;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// The flash outbox: an append-only log of signed messages in segment files (record format: <see cref="OutboxRecordFormat"/>),
/// bounded by <see cref="OutboxOptions"/>. <see cref="Append"/> is durable when it returns. Start-up recovery keeps every
/// whole record and never yields a torn, damaged or repeated one (<see cref="OutboxRecovery"/>). Records leave only when
/// an ack covers them (<see cref="Acknowledge"/>) or when the outbox is full: then the oldest segment is dropped and the
/// loss reported for a gap record (<see cref="PeekLoss"/>, <see cref="AppendLossRecord"/>). Before a segment is dropped,
/// the highest number dropped is written to flash; at start-up every number from the acked watermark to it is reported
/// again, so a power cut before the gap record is stored cannot make the loss silent (the controller sees the same range
/// twice at worst). After a restart the numbers between the newest one known and the first one appended are reported
/// too (<see cref="RestartGap"/>). Thread-safe: the sampler appends while the MQTT session reads and acknowledges.
/// Appending, reading and acknowledging allocate nothing. docs/firmware.md "Outbox and sequence numbers" has the whole story.
/// </summary>
public sealed class OutboxLog : IOutboxReader
{
    public const string AckFileName = "outbox.acked";
    public const string DroppedFileName = "outbox.dropped";
    private const uint AckFileMagic = 0x4B434157; // "WACK"
    private const uint DroppedFileMagic = 0x504F5244; // "DROP"

    private readonly object _sync = new object();
    private readonly IRecordStore _store;
    private readonly OutboxOptions _options;
    private readonly OutboxRecordReader _reader;
    private readonly OutboxSegments _segments;
    private readonly OutboxLossQueue _losses = new OutboxLossQueue();
    private readonly OutboxFloorCounter _floorCounter;
    private readonly OutboxReadCursor _cursor = new OutboxReadCursor();
    private readonly CheckedValueFile _ackFile;
    private readonly CheckedValueFile _droppedFile;
    private readonly byte[] _record = new byte[OutboxRecordFormat.MaxRecordBytes];
    private ulong _acked;
    private ulong _persistedAcked;
    private ulong _droppedThrough;
    private ulong _lastSequence;
    private bool _appendable;
    private long _droppedRecords;
    private int _corruptions;

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
        _droppedFile = new CheckedValueFile(store, DroppedFileName, DroppedFileMagic);

        // A missing or damaged watermark only means resending what was acked (at-least-once, deduplicated by the
        // controller) or restating a drop: both safe.
        _ackFile.Read(out _acked);
        _persistedAcked = _acked;
        _droppedFile.Read(out _droppedThrough);
        if (_droppedThrough > _acked)
        {
            _losses.Add(_acked + 1, _droppedThrough, GapReason.OutboxOverflow);
        }

        var recovery = new OutboxRecovery(store, _reader, _record);
        _segments = recovery.Run(options.MaxSegments + 1, Floor, _losses);
        _corruptions = recovery.Corruptions;
        _lastSequence = Floor;
        int newest = _segments.Count - 1;
        if (newest >= 0)
        {
            _lastSequence = _segments.Last(newest) > Floor ? _segments.Last(newest) : Floor;
            _appendable = _segments.Tail(newest) == RecordStatus.End;
        }

        while (LiveSegments() > options.MaxSegments)
        {
            DropOldestLive();
        }

        // Numbers above the newest one known here and below the first this boot appends were never stored (the rest of
        // the previous boot's reserved block, a torn record): state them, or the controller's contiguity stops there.
        if (!_losses.HasOpen)
        {
            _losses.AddOpen(_lastSequence + 1, RestartGap.Reason);
        }
    }

    /// <summary>
    /// Deletes every outbox file (segments and both watermarks), for a factory reset; the sequence reservation stays, so
    /// numbers never repeat. Any <see cref="OutboxLog"/> over the store must not be used afterwards.
    /// </summary>
    public static void Erase(IRecordStore store)
    {
        string[] names = store.List(OutboxSegments.Prefix);
        for (int i = 0; i < names.Length; i++)
        {
            if (OutboxSegments.ParseSlot(names[i]) >= 0)
            {
                store.Delete(names[i]);
            }
        }

        if (store.Exists(AckFileName))
        {
            store.Delete(AckFileName);
        }

        if (store.Exists(DroppedFileName))
        {
            store.Delete(DroppedFileName);
        }
    }

    /// <summary>Records stored and neither acknowledged nor dropped.</summary>
    public long Depth
    {
        get
        {
            lock (_sync)
            {
                return _segments.TotalRecords() - _floorCounter.Count(_segments, Floor);
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
    public long DroppedRecords
    {
        get { lock (_sync) { return _droppedRecords; } }
    }

    /// <summary>Damaged regions found in flash since start-up (each reported as a StorageCorruption loss where it can be placed).</summary>
    public int Corruptions
    {
        get { lock (_sync) { return _corruptions; } }
    }

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
                return _segments.TotalBytes();
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

    /// <summary>Stores the gap record for the loss <see cref="PeekLoss"/> returned, which is then retired.</summary>
    public void AppendLossRecord(ulong sequence, byte[] message, int offset, int count)
    {
        lock (_sync)
        {
            if (!_losses.FrontReady)
            {
                throw new InvalidOperationException("outbox has no loss waiting for a gap record");
            }

            AppendRecord(sequence, message, offset, count);
            _losses.RemoveFront();
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

    // Drops the oldest live segment: its last number goes to flash first (so recovery restates the loss if the gap
    // record never makes it), then the file goes, then the loss waits for its gap record.
    private void DropOldestLive()
    {
        ulong floor = Floor;
        int index = 0;
        while (_segments.Records(index) == 0 || _segments.Last(index) <= floor)
        {
            index++;
        }

        int before = _floorCounter.Count(_segments, floor);
        ulong last = _segments.Last(index);
        _droppedFile.Write(last);
        _droppedThrough = last;
        _droppedRecords += _floorCounter.Count(_segments, Floor) - before;
        DeleteSegment(index);

        // The range starts just above the ack, not above the previous drop: everything between is gone too, and the
        // gap records of earlier drops may have been in this very segment, so each gap restates every loss since the ack.
        _losses.Add(_acked + 1, last, GapReason.OutboxOverflow);
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
        int records;
        ulong last;
        int length = _reader.CountWhole(_segments.Name(index), position, out records, out last);
        _corruptions++;
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
            _losses.Add(start, nextFirst - 1, GapReason.StorageCorruption);
        }
    }
}
