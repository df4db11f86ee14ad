using System;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// The in-memory index of the outbox: one row per segment file, oldest first, with its sequence range, record count,
/// bytes of valid records and how its data ends. Segment files are named by slot ("outbox-00".."outbox-99"); names are
/// made once, so opening a segment allocates nothing. Order comes from the sequence numbers, not from the names.
/// </summary>
internal sealed class OutboxSegments
{
    public const string Prefix = "outbox-";
    public const int SlotLimit = 100;

    private readonly string[] _names = new string[SlotLimit];
    private readonly bool[] _slotUsed = new bool[SlotLimit];
    private int[] _slot;
    private long[] _id;
    private ulong[] _first;
    private ulong[] _last;
    private int[] _records;
    private int[] _length;
    private RecordStatus[] _tail;
    private long _nextId = 1;

    public OutboxSegments(int namedSlots, int capacity)
    {
        for (int slot = 0; slot < namedSlots && slot < SlotLimit; slot++)
        {
            _names[slot] = FormatName(slot);
        }

        Allocate(capacity < 4 ? 4 : capacity);
    }

    public int Count { get; private set; }

    public static string FormatName(int slot)
    {
        return Prefix + (slot < 10 ? "0" : string.Empty) + slot.ToString();
    }

    /// <summary>The slot of a segment file name, or -1 when the name is not one of ours.</summary>
    public static int ParseSlot(string name)
    {
        if (name == null || name.Length != Prefix.Length + 2 || !name.StartsWith(Prefix))
        {
            return -1;
        }

        int tens = name[Prefix.Length] - '0';
        int ones = name[Prefix.Length + 1] - '0';
        return tens < 0 || tens > 9 || ones < 0 || ones > 9 ? -1 : (tens * 10) + ones;
    }

    public long Id(int index) { return _id[index]; }

    public ulong First(int index) { return _first[index]; }

    public ulong Last(int index) { return _last[index]; }

    public int Records(int index) { return _records[index]; }

    /// <summary>Bytes of whole, valid records from the start of the file (the file may hold more: a torn or damaged tail).</summary>
    public int Length(int index) { return _length[index]; }

    public RecordStatus Tail(int index) { return _tail[index]; }

    public string Name(int index) { return _names[_slot[index]]; }

    public string NameOfSlot(int slot) { return _names[slot]; }

    public long TotalRecords()
    {
        long total = 0;
        for (int i = 0; i < Count; i++)
        {
            total += _records[i];
        }

        return total;
    }

    public long TotalBytes()
    {
        long total = 0;
        for (int i = 0; i < Count; i++)
        {
            total += _length[i];
        }

        return total;
    }

    public int IndexOfId(long id)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_id[i] == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Lowest slot without a segment (its name is made here only beyond the slots named up front).</summary>
    public int FreeSlot()
    {
        for (int slot = 0; slot < SlotLimit; slot++)
        {
            if (!_slotUsed[slot])
            {
                if (_names[slot] == null)
                {
                    _names[slot] = FormatName(slot);
                }

                return slot;
            }
        }

        throw new InvalidOperationException("every outbox segment slot is in use");
    }

    /// <summary>Adds a row as the newest; <paramref name="name"/> may reuse a listed file name (null: the slot's own).</summary>
    public void Add(int slot, string name, ulong first, ulong last, int records, int length, RecordStatus tail)
    {
        if (Count == _id.Length)
        {
            Allocate(Count * 2);
        }

        if (name != null)
        {
            _names[slot] = name;
        }

        _slotUsed[slot] = true;
        _slot[Count] = slot;
        _id[Count] = _nextId++;
        _first[Count] = first;
        _last[Count] = last;
        _records[Count] = records;
        _length[Count] = length;
        _tail[Count] = tail;
        Count++;
    }

    public void AddRecord(int index, ulong sequence, int bytes)
    {
        if (_records[index] == 0)
        {
            _first[index] = sequence;
        }

        _last[index] = sequence;
        _records[index]++;
        _length[index] += bytes;
    }

    /// <summary>Keeps only the first <paramref name="records"/> records (<paramref name="length"/> bytes) of a segment.</summary>
    public void Truncate(int index, int records, ulong last, int length, RecordStatus tail)
    {
        _records[index] = records;
        _last[index] = last;
        _length[index] = length;
        _tail[index] = tail;
    }

    public void RemoveAt(int index)
    {
        _slotUsed[_slot[index]] = false;
        for (int i = index + 1; i < Count; i++)
        {
            Move(i, i - 1);
        }

        Count--;
    }

    /// <summary>Orders rows by first sequence number (insertion sort: a dozen rows, once at start-up).</summary>
    public void SortByFirst()
    {
        for (int i = 1; i < Count; i++)
        {
            for (int j = i; j > 0 && _first[j - 1] > _first[j]; j--)
            {
                Swap(j - 1, j);
            }
        }
    }

    private void Swap(int a, int b)
    {
        int slot = _slot[a];
        long id = _id[a];
        ulong first = _first[a];
        ulong last = _last[a];
        int records = _records[a];
        int length = _length[a];
        RecordStatus tail = _tail[a];
        Move(b, a);
        _slot[b] = slot;
        _id[b] = id;
        _first[b] = first;
        _last[b] = last;
        _records[b] = records;
        _length[b] = length;
        _tail[b] = tail;
    }

    private void Move(int from, int to)
    {
        _slot[to] = _slot[from];
        _id[to] = _id[from];
        _first[to] = _first[from];
        _last[to] = _last[from];
        _records[to] = _records[from];
        _length[to] = _length[from];
        _tail[to] = _tail[from];
    }

    private void Allocate(int capacity)
    {
        _slot = Grow(_slot, capacity);
        _id = Grow(_id, capacity);
        _first = Grow(_first, capacity);
        _last = Grow(_last, capacity);
        _records = Grow(_records, capacity);
        _length = Grow(_length, capacity);
        var tail = new RecordStatus[capacity];
        if (_tail != null)
        {
            Array.Copy(_tail, tail, Count);
        }

        _tail = tail;
    }

    private static int[] Grow(int[] old, int capacity)
    {
        var grown = new int[capacity];
        if (old != null)
        {
            Array.Copy(old, grown, old.Length < capacity ? old.Length : capacity);
        }

        return grown;
    }

    private static long[] Grow(long[] old, int capacity)
    {
        var grown = new long[capacity];
        if (old != null)
        {
            Array.Copy(old, grown, old.Length < capacity ? old.Length : capacity);
        }

        return grown;
    }

    private static ulong[] Grow(ulong[] old, int capacity)
    {
        var grown = new ulong[capacity];
        if (old != null)
        {
            Array.Copy(old, grown, old.Length < capacity ? old.Length : capacity);
        }

        return grown;
    }
}
