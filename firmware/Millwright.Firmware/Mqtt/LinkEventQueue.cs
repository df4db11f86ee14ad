using System.Threading;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Mqtt;

/// <summary>
/// The session's <see cref="IMqttLinkListener"/>: link callbacks (on the link's own thread on the board) only put the
/// event in a fixed-size, lock-protected ring and return at once, never throwing (an exception in an M2Mqtt handler
/// closes the connection). The session takes the events on the main loop in <see cref="MqttSession.Update"/>.
/// Messages may fill the ring only up to <see cref="ReservedForConnectionEvents"/> below its capacity: the session
/// starts at most one attempt per update, so only a few connection events can be pending, and they always fit. A
/// message that finds the ring full is dropped and counted: acks are cumulative and frames are resent on timeout,
/// so a dropped ack costs only a resend.
/// </summary>
public sealed class LinkEventQueue : IMqttLinkListener
{
    public const int ReservedForConnectionEvents = 4;

    private readonly object _lock = new object();
    private readonly LinkEventKind[] _kinds;
    private readonly bool[] _accepted;
    private readonly int[] _reasonCodes;
    private readonly string[] _topics;
    private readonly byte[][] _payloads;
    private int _head;
    private int _count;
    private int _droppedMessages;
    private bool _connectionEventLost;
    private int _publishesDelivered;
    private int _publishesGivenUp;

    public LinkEventQueue(int capacity)
    {
        _kinds = new LinkEventKind[capacity];
        _accepted = new bool[capacity];
        _reasonCodes = new int[capacity];
        _topics = new string[capacity];
        _payloads = new byte[capacity][];
    }

    public int Capacity
    {
        get { return _kinds.Length; }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Incoming messages dropped because the ring was full.</summary>
    public int DroppedMessages
    {
        get { return _droppedMessages; }
    }

    /// <summary>QoS 1 publishes the broker acknowledged (PUBACK). Informational: only a controller ack frees a frame.</summary>
    public int PublishesDelivered
    {
        get { return _publishesDelivered; }
    }

    /// <summary>QoS 1 publishes the link gave up on. Informational: the ack timeout resends the frames.</summary>
    public int PublishesGivenUp
    {
        get { return _publishesGivenUp; }
    }

    public void OnConnected(bool accepted, int reasonCode)
    {
        Put(LinkEventKind.Connected, accepted, reasonCode, null, null);
    }

    public void OnDisconnected()
    {
        Put(LinkEventKind.Disconnected, false, 0, null, null);
    }

    public void OnPublished(int messageId, bool delivered)
    {
        if (delivered)
        {
            Interlocked.Increment(ref _publishesDelivered);
        }
        else
        {
            Interlocked.Increment(ref _publishesGivenUp);
        }
    }

    public void OnMessage(string topic, byte[] payload)
    {
        Put(LinkEventKind.Message, false, 0, topic, payload);
    }

    /// <summary>Moves the oldest event into <paramref name="target"/>; false when there is none.</summary>
    public bool TryTake(LinkEvent target)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                target.Clear();
                return false;
            }

            target.Kind = _kinds[_head];
            target.Accepted = _accepted[_head];
            target.ReasonCode = _reasonCodes[_head];
            target.Topic = _topics[_head];
            target.Payload = _payloads[_head];
            _topics[_head] = null;
            _payloads[_head] = null;
            _head = (_head + 1) % _kinds.Length;
            _count--;
            return true;
        }
    }

    /// <summary>
    /// True once after a connection event found even the reserved slots full (only a link that reports events the
    /// session never caused could do that): the session then no longer knows the link's state and starts over.
    /// </summary>
    public bool TakeConnectionEventLost()
    {
        lock (_lock)
        {
            bool lost = _connectionEventLost;
            _connectionEventLost = false;
            return lost;
        }
    }

    private void Put(LinkEventKind kind, bool accepted, int reasonCode, string topic, byte[] payload)
    {
        lock (_lock)
        {
            int limit = kind == LinkEventKind.Message ? _kinds.Length - ReservedForConnectionEvents : _kinds.Length;
            if (_count >= limit)
            {
                if (kind == LinkEventKind.Message)
                {
                    _droppedMessages++;
                }
                else
                {
                    _connectionEventLost = true;
                }

                return;
            }

            int tail = (_head + _count) % _kinds.Length;
            _kinds[tail] = kind;
            _accepted[tail] = accepted;
            _reasonCodes[tail] = reasonCode;
            _topics[tail] = topic;
            _payloads[tail] = payload;
            _count++;
        }
    }
}
