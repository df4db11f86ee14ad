using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// Losses waiting for their gap record, oldest first, in fixed arrays. A loss found at the end of the log is "open":
/// its last number is known only when the next record is appended (everything between is lost or was never used).
/// </summary>
internal sealed class OutboxLossQueue
{
    public const int Capacity = 16;

    private readonly ulong[] _first = new ulong[Capacity];
    private readonly ulong[] _last = new ulong[Capacity];
    private readonly GapReason[] _reason = new GapReason[Capacity];
    private readonly bool[] _open = new bool[Capacity];

    public int Count { get; private set; }

    /// <summary>Losses that could not be queued because the queue was full (so no gap record will state them).</summary>
    public long Unreported { get; private set; }

    /// <summary>True when a loss waits for the next append to know its end.</summary>
    public bool HasOpen
    {
        get
        {
            for (int i = 0; i < Count; i++)
            {
                if (_open[i])
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True when the oldest loss is known in full (see <see cref="Peek"/>).</summary>
    public bool FrontReady
    {
        get { return Count > 0 && !_open[0]; }
    }

    /// <summary>Queues a loss; false (and counted in <see cref="Unreported"/>) when the queue is full.</summary>
    public bool Add(ulong first, ulong last, GapReason reason)
    {
        return Put(first, last, reason, false);
    }

    public bool AddOpen(ulong first, GapReason reason)
    {
        return Put(first, 0, reason, true);
    }

    /// <summary>A record with <paramref name="appended"/> was stored: open losses end just before it.</summary>
    public void Close(ulong appended)
    {
        int i = 0;
        while (i < Count)
        {
            if (_open[i])
            {
                _open[i] = false;
                _last[i] = appended - 1;
                if (_last[i] < _first[i])
                {
                    RemoveAt(i);
                    continue;
                }
            }

            i++;
        }
    }

    /// <summary>Copies the oldest loss; false when there is none or its end is not known yet.</summary>
    public bool Peek(OutboxLoss into)
    {
        if (Count == 0 || _open[0])
        {
            return false;
        }

        into.FirstSequence = _first[0];
        into.LastSequence = _last[0];
        into.Reason = _reason[0];
        return true;
    }

    public void RemoveFront()
    {
        RemoveAt(0);
    }

    private bool Put(ulong first, ulong last, GapReason reason, bool open)
    {
        if (Count == Capacity)
        {
            Unreported++;
            return false;
        }

        _first[Count] = first;
        _last[Count] = last;
        _reason[Count] = reason;
        _open[Count] = open;
        Count++;
        return true;
    }

    private void RemoveAt(int index)
    {
        for (int i = index + 1; i < Count; i++)
        {
            _first[i - 1] = _first[i];
            _last[i - 1] = _last[i];
            _reason[i - 1] = _reason[i];
            _open[i - 1] = _open[i];
        }

        Count--;
    }
}
