using Millwright.Protocol;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Mqtt;

/// <summary>
/// Hands each incoming message to whoever acts on it: verified acks free the outbox (through the replay) and, unless
/// older than one already seen, tell the observer the controller is alive; commands go to the observer unverified (the command executor checks them);
/// the controller state is decoded and reported. Anything else is counted and dropped.
/// </summary>
public sealed class IncomingMessageRouter
{
    private readonly DeviceTopics _topics;
    private readonly ControllerAckReader _ackReader;
    private readonly FrameReplay _replay;
    private readonly IControllerLinkObserver _observer;
    private long _newestControllerTime = long.MinValue;

    public IncomingMessageRouter(DeviceTopics topics, ControllerAckReader ackReader, FrameReplay replay, IControllerLinkObserver observer)
    {
        _topics = topics;
        _ackReader = ackReader;
        _replay = replay;
        _observer = observer;
    }

    /// <summary>Messages on the ack topic that failed verification or named another device; they free nothing.</summary>
    public long RejectedAcks { get; private set; }

    /// <summary>
    /// Valid acks older (by controller time) than one already seen: reordered, or replayed by someone with broker
    /// access. They still free the outbox (an ack only ever covers what the controller stored) but do not count as a
    /// sign of life, so a replayed ack cannot hold off the fail-safe.
    /// </summary>
    public long StaleAcks { get; private set; }

    /// <summary>Controller states that did not decode, and messages on topics we never subscribed to.</summary>
    public long RejectedMessages { get; private set; }

    public void Route(string topic, byte[] payload)
    {
        if (topic == _topics.Ack)
        {
            if (!_ackReader.TryRead(payload))
            {
                RejectedAcks++;
                return;
            }

            _replay.Acknowledge(_ackReader.AckedSequence);
            if (_ackReader.ControllerTimeMicros < _newestControllerTime)
            {
                StaleAcks++;
                return;
            }

            _newestControllerTime = _ackReader.ControllerTimeMicros;
            _observer.OnAck(_ackReader.AckedSequence, _ackReader.ControllerTimeMicros);
        }
        else if (topic == _topics.Command && payload != null)
        {
            _observer.OnCommandMessage(payload);
        }
        else if (topic == _topics.ControllerState)
        {
            RouteControllerState(payload);
        }
        else
        {
            RejectedMessages++;
        }
    }

    private void RouteControllerState(byte[] payload)
    {
        bool online;
        try
        {
            if (payload == null)
            {
                RejectedMessages++;
                return;
            }

            online = ControllerStateCodec.DecodeOnline(payload, 0, payload.Length);
        }
        catch (ProtocolException)
        {
            // Also an empty retained message (the retained state cleared): it says nothing, so nothing changes.
            RejectedMessages++;
            return;
        }

        _observer.OnControllerState(online);
    }
}
