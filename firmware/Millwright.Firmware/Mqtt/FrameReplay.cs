using Millwright.Firmware.Hardware;
using Millwright.Firmware.Outbox;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Mqtt;

/// <summary>
/// Sends the outbox in sequence order with at most a window of frames in flight. A frame stays in flight until a
/// controller ack covers it (a broker PUBACK proves nothing about storage, ARCHITECTURE.md §4 "Delivery"). When the
/// oldest frame has waited the ack timeout, or after a reconnect, everything unacked is sent again from the last
/// acked sequence, in order (go-back-N): the controller stores each sequence once, so resending is always safe.
/// Frames are not copied: each send reads the outbox again into one buffer.
/// </summary>
public sealed class FrameReplay
{
    private readonly IMqttLink _link;
    private readonly IOutboxReader _outbox;
    private readonly string _topic;
    private readonly long _ackTimeoutMicros;
    private readonly byte[] _buffer = new byte[ProtocolLimits.MaxMessageBytes];
    private readonly ulong[] _sequences;
    private readonly long[] _sentAt;
    private int _head;
    private int _count;
    private ulong _lastSent;
    private ulong _highestRead;

    public FrameReplay(IMqttLink link, IOutboxReader outbox, string topic, int window, long ackTimeoutMicros)
    {
        _link = link;
        _outbox = outbox;
        _topic = topic;
        _ackTimeoutMicros = ackTimeoutMicros;
        _sequences = new ulong[window];
        _sentAt = new long[window];
    }

    public int Window
    {
        get { return _sequences.Length; }
    }

    /// <summary>Frames published and not yet covered by an ack.</summary>
    public int InFlight
    {
        get { return _count; }
    }

    /// <summary>Highest sequence a controller ack has covered since start-up (0: none yet).</summary>
    public ulong AckedSequence { get; private set; }

    /// <summary>Highest sequence published on the current connection (or the acked one, before any).</summary>
    public ulong LastSentSequence
    {
        get { return _lastSent; }
    }

    public long FramesPublished { get; private set; }

    /// <summary>Times the ack timeout sent the window again.</summary>
    public long Resends { get; private set; }

    /// <summary>Forgets what is in flight: the next <see cref="Pump"/> starts again after the last acked sequence.</summary>
    public void Restart()
    {
        _head = 0;
        _count = 0;
        _lastSent = AckedSequence;
    }

    /// <summary>
    /// Frees the outbox up to <paramref name="acked"/> and slides the window; an ack that is not newer changes
    /// nothing. Returns whether the window advanced. The window never moves past the highest sequence read from the
    /// outbox: an ack beyond it (from another incarnation of this device id) must not make later frames look sent.
    /// The outbox gets the ack as it came and applies its own bound.
    /// </summary>
    public bool Acknowledge(ulong acked)
    {
        if (acked <= AckedSequence)
        {
            return false;
        }

        _outbox.Acknowledge(acked);
        ulong covered = acked < _highestRead ? acked : _highestRead;
        if (covered <= AckedSequence)
        {
            return false;
        }

        AckedSequence = covered;
        while (_count > 0 && _sequences[_head] <= covered)
        {
            _head = (_head + 1) % _sequences.Length;
            _count--;
        }

        if (_lastSent < covered)
        {
            _lastSent = covered;
        }

        return true;
    }

    /// <summary>Resends on ack timeout, then publishes frames until the window is full or the outbox has no more.</summary>
    public void Pump(long nowMicros)
    {
        if (_count > 0 && nowMicros - _sentAt[_head] >= _ackTimeoutMicros)
        {
            Resends++;
            Restart();
        }

        while (_count < _sequences.Length)
        {
            ulong sequence;
            int length = _outbox.ReadAfter(_lastSent, _buffer, 0, out sequence);
            if (length == 0)
            {
                return;
            }

            if (sequence > _highestRead)
            {
                _highestRead = sequence;
            }

            if (_link.Publish(_topic, _buffer, 0, length, 1, false) == 0)
            {
                // Not connected after all: the link reports the disconnect, and the replay starts over on reconnect.
                return;
            }

            int tail = (_head + _count) % _sequences.Length;
            _sequences[tail] = sequence;
            _sentAt[tail] = nowMicros;
            _count++;
            _lastSent = sequence;
            FramesPublished++;
        }
    }
}
