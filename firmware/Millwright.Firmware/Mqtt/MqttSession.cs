using System;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Outbox;
using Millwright.Firmware.Settings;
using Millwright.Protocol.Keys;

namespace Millwright.Firmware.Mqtt;

/// <summary>
/// The device's MQTT session (issue 3 §5): Disconnected → Connecting → Online, and on any failure BackingOff →
/// Connecting again, with exponential back-off and jitter. Online means: birth published (retained, signed), subscribed
/// to our ack and cmd topics and the controller state, and the outbox being replayed in order with a bounded window.
/// The main loop calls <see cref="Update"/>; it never waits and does bounded work (at most the link event ring, one
/// window of frames and one status). Link callbacks only queue (<see cref="LinkEventQueue"/>).
/// </summary>
public sealed class MqttSession : ICommandResultPublisher
{
    private readonly IMqttLink _link;
    private readonly IControllerLinkObserver _observer;
    private readonly MqttSessionOptions _options;
    private readonly DeviceTopics _topics;
    private readonly LinkEventQueue _events;
    private readonly LinkEvent _event = new LinkEvent();
    private readonly ReconnectBackoff _backoff;
    private readonly FrameReplay _replay;
    private readonly IncomingMessageRouter _router;
    private readonly StatusMessageSigner _statusSigner;
    private readonly ConnectRequestBuilder _connectRequests;
    private long _attemptStartedAt;
    private long _lastStatusAt;

    public MqttSession(
        IMqttLink link,
        DeviceSettings settings,
        DeviceKeys keys,
        IStatusSource statusSource,
        IOutboxReader outbox,
        IControllerLinkObserver observer,
        MqttSessionOptions options,
        Random random)
    {
        if (!settings.IsComplete)
        {
            throw new ArgumentException("device id, plant id and broker host must be set before the session starts");
        }

        options.Validate();
        DeviceSettings ours = settings.Clone();
        _link = link;
        _observer = observer;
        _options = options;
        _topics = new DeviceTopics(ours.PlantId, ours.DeviceId);
        _events = new LinkEventQueue(options.LinkEventCapacity);
        _backoff = new ReconnectBackoff(options.BackoffMinMicros, options.BackoffMaxMicros, options.JitterPercent, random);
        _replay = new FrameReplay(link, outbox, _topics.Frames, options.MaxInFlightFrames, options.AckTimeoutMicros);
        var ackReader = new ControllerAckReader(keys.ControllerMessageKey, keys.KeyId, ours.DeviceId);
        _router = new IncomingMessageRouter(_topics, ackReader, _replay, observer);
        _statusSigner = new StatusMessageSigner(keys, ours.DeviceId, statusSource);
        _connectRequests = new ConnectRequestBuilder(ours, keys, options, _topics.Status, _statusSigner);
        link.SetListener(_events);
    }

    public MqttSessionState State { get; private set; }

    public DeviceTopics Topics
    {
        get { return _topics; }
    }

    /// <summary>Monotonic time of the next connection attempt while <see cref="MqttSessionState.BackingOff"/>.</summary>
    public long NextAttemptMicros { get; private set; }

    public int ConsecutiveFailures
    {
        get { return _backoff.ConsecutiveFailures; }
    }

    public ulong AckedSequence
    {
        get { return _replay.AckedSequence; }
    }

    public int InFlightFrames
    {
        get { return _replay.InFlight; }
    }

    public long FramesPublished
    {
        get { return _replay.FramesPublished; }
    }

    public long Resends
    {
        get { return _replay.Resends; }
    }

    public long ConnectAttempts { get; private set; }

    /// <summary>Messages on the ack topic that failed verification or named another device; they free nothing.</summary>
    public long RejectedAcks
    {
        get { return _router.RejectedAcks; }
    }

    /// <summary>Valid acks older than one already seen; they free the outbox but are no sign of life.</summary>
    public long StaleAcks
    {
        get { return _router.StaleAcks; }
    }

    /// <summary>Controller states that did not decode, and messages on topics we never subscribed to.</summary>
    public long RejectedMessages
    {
        get { return _router.RejectedMessages; }
    }

    public int DroppedLinkEvents
    {
        get { return _events.DroppedMessages; }
    }

    /// <summary>One step of the session; call it from the main loop with the monotonic clock.</summary>
    public void Update(long nowMicros)
    {
        TakeEvents(nowMicros);
        if (_events.TakeConnectionEventLost())
        {
            Abandon(nowMicros);
        }

        switch (State)
        {
            case MqttSessionState.Disconnected:
                StartAttempt(nowMicros);
                break;
            case MqttSessionState.Connecting:
                if (nowMicros - _attemptStartedAt >= _options.ConnectTimeoutMicros)
                {
                    Abandon(nowMicros);
                }

                break;
            case MqttSessionState.BackingOff:
                if (nowMicros >= NextAttemptMicros)
                {
                    StartAttempt(nowMicros);
                }

                break;
            case MqttSessionState.Online:
                _replay.Pump(nowMicros);
                if (_options.StatusIntervalMicros > 0 && nowMicros - _lastStatusAt >= _options.StatusIntervalMicros)
                {
                    PublishStatus(nowMicros);
                }

                break;
        }
    }

    /// <summary>Publishes a signed command result on our cmdack topic, QoS 1; false when offline (the executor keeps it).</summary>
    public bool PublishCommandResult(byte[] signedResult, int offset, int count)
    {
        if (State != MqttSessionState.Online)
        {
            return false;
        }

        return _link.Publish(_topics.CommandResult, signedResult, offset, count, 1, false) != 0;
    }

    /// <summary>Publishes the birth status (health telemetry) now, e.g. after a component failed; false when offline.</summary>
    public bool PublishStatus(long nowMicros)
    {
        if (State != MqttSessionState.Online)
        {
            return false;
        }

        _lastStatusAt = nowMicros;
        int length = _statusSigner.Write(true);
        return _link.Publish(_topics.Status, _statusSigner.Buffer, 0, length, 1, true) != 0;
    }

    private void TakeEvents(long nowMicros)
    {
        // At most one ring's worth, so a link thread that keeps delivering cannot hold the main loop here.
        for (int i = 0; i < _events.Capacity && _events.TryTake(_event); i++)
        {
            switch (_event.Kind)
            {
                case LinkEventKind.Connected:
                    OnConnected(_event.Accepted, nowMicros);
                    break;
                case LinkEventKind.Disconnected:
                    OnDisconnected(nowMicros);
                    break;
                case LinkEventKind.Message:
                    _router.Route(_event.Topic, _event.Payload);
                    break;
            }
        }

        _event.Clear();
    }

    private void OnConnected(bool accepted, long nowMicros)
    {
        if (State != MqttSessionState.Connecting)
        {
            // The outcome of an attempt we already abandoned: close it so the link is in a known state.
            if (accepted)
            {
                _link.Disconnect();
            }

            return;
        }

        if (!accepted)
        {
            ScheduleRetry(nowMicros);
            return;
        }

        State = MqttSessionState.Online;
        _backoff.Reset();
        PublishStatus(nowMicros);
        _link.Subscribe(_topics.Ack, 1);
        _link.Subscribe(_topics.Command, 1);
        _link.Subscribe(_topics.ControllerState, 1);
        _replay.Restart();
        _observer.OnConnectionChanged(true);
        _replay.Pump(nowMicros);
    }

    private void OnDisconnected(long nowMicros)
    {
        if (State == MqttSessionState.Online)
        {
            _replay.Restart();
            _observer.OnConnectionChanged(false);
            ScheduleRetry(nowMicros);
        }
        else if (State == MqttSessionState.Connecting)
        {
            ScheduleRetry(nowMicros);
        }
    }

    private void StartAttempt(long nowMicros)
    {
        MqttConnectSettings connect = _connectRequests.Build();
        State = MqttSessionState.Connecting;
        _attemptStartedAt = nowMicros;
        ConnectAttempts++;
        try
        {
            _link.Connect(connect);
        }
        catch (Exception)
        {
            // The contract says Connect only starts an attempt, but a board binding that resolves DNS inline may
            // throw: that is one failed attempt, not a reason to stop the main loop.
            ScheduleRetry(nowMicros);
        }
    }

    /// <summary>Gives up on the current attempt or connection, closes the link and backs off.</summary>
    private void Abandon(long nowMicros)
    {
        bool wasOnline = State == MqttSessionState.Online;
        _link.Disconnect();
        _replay.Restart();
        if (wasOnline)
        {
            _observer.OnConnectionChanged(false);
        }

        ScheduleRetry(nowMicros);
    }

    private void ScheduleRetry(long nowMicros)
    {
        State = MqttSessionState.BackingOff;
        NextAttemptMicros = nowMicros + _backoff.NextDelayMicros();
    }
}
