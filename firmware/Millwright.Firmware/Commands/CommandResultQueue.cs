using Millwright.Firmware.Mqtt;

namespace Millwright.Firmware.Commands;

/// <summary>
/// Signed command results waiting for the link, oldest first, in fixed slots allocated once. When full, the oldest
/// result is dropped (and counted): the controller times out on that command and asks again, while the newest
/// results describe the actuators' present state.
/// </summary>
public sealed class CommandResultQueue
{
    private readonly byte[][] _slots;
    private readonly int[] _lengths;
    private int _head;
    private int _count;

    public CommandResultQueue(int capacity, int slotBytes)
    {
        _slots = new byte[capacity][];
        _lengths = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _slots[i] = new byte[slotBytes];
        }
    }

    public int Count
    {
        get { return _count; }
    }

    /// <summary>Results dropped because the queue was full (or a result did not fit a slot).</summary>
    public long Dropped { get; private set; }

    public void Enqueue(byte[] data, int offset, int count)
    {
        if (count > _slots[0].Length)
        {
            Dropped++;
            return;
        }

        if (_count == _slots.Length)
        {
            _head = (_head + 1) % _slots.Length;
            _count--;
            Dropped++;
        }

        int tail = (_head + _count) % _slots.Length;
        System.Array.Copy(data, offset, _slots[tail], 0, count);
        _lengths[tail] = count;
        _count++;
    }

    /// <summary>Publishes queued results in order until the publisher refuses one; returns how many left the queue.</summary>
    public int Flush(ICommandResultPublisher publisher)
    {
        int published = 0;
        while (_count > 0 && publisher != null && publisher.PublishCommandResult(_slots[_head], 0, _lengths[_head]))
        {
            _head = (_head + 1) % _slots.Length;
            _count--;
            published++;
        }

        return published;
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }
}
