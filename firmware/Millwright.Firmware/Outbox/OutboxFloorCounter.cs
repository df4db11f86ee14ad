namespace Millwright.Firmware.Outbox;

/// <summary>
/// Counts the stored records at or below the floor (the higher of the acked watermark and the last number dropped),
/// which no longer count in the outbox's depth and are never read again. Whole segments count from the index; in the one
/// segment the floor falls inside, a cursor walks the headers forward as the floor rises, so each header is read once.
/// </summary>
internal sealed class OutboxFloorCounter
{
    private readonly OutboxRecordReader _reader;
    private long _segmentId = -1;
    private int _position;
    private int _records;

    public OutboxFloorCounter(OutboxRecordReader reader)
    {
        _reader = reader;
    }

    public int Count(OutboxSegments segments, ulong floor)
    {
        int below = 0;
        for (int i = 0; i < segments.Count; i++)
        {
            if (segments.Records(i) == 0)
            {
                continue;
            }

            if (segments.Last(i) <= floor)
            {
                below += segments.Records(i);
                continue;
            }

            if (segments.First(i) <= floor)
            {
                Advance(segments, i, floor);
                below += _records;
            }

            break;
        }

        return below;
    }

    /// <summary>Where a scan for records above the floor may start in a segment: past every record known to be at or below it.</summary>
    public int StartIn(long segmentId)
    {
        return segmentId == _segmentId ? _position : 0;
    }

    /// <summary>Forgets the cursor (a segment was cut short).</summary>
    public void Reset()
    {
        _segmentId = -1;
    }

    private void Advance(OutboxSegments segments, int index, ulong floor)
    {
        if (_segmentId != segments.Id(index))
        {
            _segmentId = segments.Id(index);
            _position = 0;
            _records = 0;
        }

        string name = segments.Name(index);
        int end = segments.Length(index);
        while (_position < end && _reader.ReadHeader(name, _position, end) == RecordStatus.Valid && _reader.Sequence <= floor)
        {
            _position += _reader.RecordLength;
            _records++;
        }
    }
}
