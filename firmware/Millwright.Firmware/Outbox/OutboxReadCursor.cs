using System;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// Finds the record that follows a sequence number for replay. It remembers where the last read ended (segment, byte
/// position, sequence there), so reading the log in order touches each record once instead of rescanning its segment;
/// with nothing new it parks at the end of the log and a poll reads nothing. A read is checked (CRC) before it is handed
/// out; a record that fails is reported through <see cref="DamagedSegment"/> for the log to cut.
/// </summary>
internal sealed class OutboxReadCursor
{
    private long _segmentId = -1;
    private int _position;
    private ulong _previous;

    /// <summary>Sequence number of the record found by the last successful <see cref="Read"/>.</summary>
    public ulong Sequence { get; private set; }

    /// <summary>Length of the message copied by the last successful <see cref="Read"/>.</summary>
    public int Length { get; private set; }

    /// <summary>After a failed <see cref="Read"/>: the index of a segment holding a damaged record, or -1.</summary>
    public int DamagedSegment { get; private set; }

    public int DamagedPosition { get; private set; }

    public void Forget()
    {
        _segmentId = -1;
    }

    /// <summary>Copies the first record above <paramref name="after"/>; false when there is none or it is damaged.</summary>
    public bool Read(
        OutboxSegments segments, OutboxRecordReader reader, OutboxFloorCounter floor, ulong after, byte[] buffer, int offset)
    {
        DamagedSegment = -1;
        int index = 0;
        int position = 0;
        int remembered = _segmentId < 0 ? -1 : segments.IndexOfId(_segmentId);
        if (remembered >= 0 && _previous <= after)
        {
            // Every record before the remembered position is at or below _previous, so at or below `after`.
            index = remembered;
            position = _position;
        }

        for (; index < segments.Count; index++, position = 0)
        {
            if (segments.Records(index) == 0 || segments.Last(index) <= after)
            {
                continue;
            }

            if (position == 0)
            {
                position = floor.StartIn(segments.Id(index));
            }

            if (ReadIn(segments, reader, index, position, after, buffer, offset))
            {
                return true;
            }

            if (DamagedSegment >= 0)
            {
                return false;
            }
        }

        int newest = segments.Count - 1;
        if (newest >= 0 && segments.Records(newest) > 0 && segments.Last(newest) <= after)
        {
            Remember(segments.Id(newest), segments.Length(newest), segments.Last(newest));
        }

        return false;
    }

    private bool ReadIn(
        OutboxSegments segments, OutboxRecordReader reader, int index, int position, ulong after, byte[] buffer, int offset)
    {
        string name = segments.Name(index);
        int end = segments.Length(index);
        while (position < end)
        {
            RecordStatus status = reader.ReadHeader(name, position, end);
            if (status == RecordStatus.Valid && reader.Sequence > after)
            {
                if (buffer == null || offset < 0 || buffer.Length - offset < reader.PayloadLength)
                {
                    throw new ArgumentException("buffer too small for an outbox message of " + reader.PayloadLength.ToString() + " bytes");
                }

                status = reader.ReadPayload(name, position, buffer, offset);
                if (status == RecordStatus.Valid)
                {
                    Remember(segments.Id(index), position + reader.RecordLength, reader.Sequence);
                    Sequence = reader.Sequence;
                    Length = reader.PayloadLength;
                    return true;
                }
            }

            if (status != RecordStatus.Valid)
            {
                DamagedSegment = index;
                DamagedPosition = position;
                return false;
            }

            position += reader.RecordLength;
        }

        return false;
    }

    private void Remember(long segmentId, int position, ulong previous)
    {
        _segmentId = segmentId;
        _position = position;
        _previous = previous;
    }
}
