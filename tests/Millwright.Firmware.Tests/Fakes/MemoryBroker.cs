using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// An MQTT broker in memory, between one device (through <see cref="MemoryMqttLink"/>) and an in-process controller,
/// stepped by the test's clock. It keeps retained messages across restarts, forgets subscriptions when a connection
/// closes (clean session), publishes the Will when a connection drops, checks the device's credentials, and lets a
/// <see cref="ChaosSchedule"/> drop, duplicate, delay and reorder every message in both directions, refuse or ignore
/// connection attempts, drop connections and restart. Every callback to the device runs inside <see cref="Advance"/>,
/// except the close that follows the device's own Disconnect, which comes back at once (as M2Mqtt's can).
/// </summary>
internal sealed class MemoryBroker
{
    private readonly ChaosSchedule _chaos;
    private readonly PriorityQueue<Action, (long Due, long Order)> _pending = new();
    private readonly Dictionary<string, byte[]> _retained = new();
    private readonly HashSet<string> _deviceSubscriptions = new();
    private readonly Dictionary<string, Action<string, byte[]>> _controllerSubscriptions = new();
    private MemoryMqttLink? _link;
    private string? _clientId;
    private string? _password;
    private long _order;
    private int _attempt;
    private int _nextMessageId;
    private long _downUntil;
    private MqttConnectSettings? _session;

    public MemoryBroker(ChaosSchedule chaos)
    {
        _chaos = chaos;
    }

    public long NowMicros { get; private set; }

    public bool DeviceConnected { get; private set; }

    /// <summary>Accepted device connections so far; also the number of the current one.</summary>
    public int Connection { get; private set; }

    public bool IsDown => NowMicros < _downUntil;

    public List<MemoryBrokerPublish> DevicePublishes { get; } = new();

    public List<MemoryBrokerSubscription> DeviceSubscriptions { get; } = new();

    /// <summary>Things a well-behaved client never does (connect while connected); tests expect none.</summary>
    public List<string> ProtocolViolations { get; } = new();

    public int WillsPublished { get; private set; }

    public IMqttLinkListener Listener => _link?.Listener ?? throw new InvalidOperationException("no listener set");

    /// <summary>The one client this broker lets in: client id and username are the device id.</summary>
    public void Register(string deviceId, string password)
    {
        _clientId = deviceId;
        _password = password;
    }

    public void Attach(MemoryMqttLink link) => _link = link;

    public byte[]? Retained(string topic) => _retained.TryGetValue(topic, out byte[]? payload) ? payload : null;

    /// <summary>Delivers everything due by <paramref name="nowMicros"/>, after letting the chaos strike.</summary>
    public void Advance(long nowMicros)
    {
        NowMicros = nowMicros;
        if (DeviceConnected && _chaos.DropConnectionNow())
        {
            DropDeviceConnection();
        }

        if (!IsDown && _chaos.RestartBrokerNow())
        {
            Restart(_chaos.OutageMicros());
        }

        while (_pending.TryPeek(out _, out (long Due, long Order) when) && when.Due <= nowMicros)
        {
            _pending.Dequeue()();
        }
    }

    /// <summary>The connection breaks without a DISCONNECT (Wi-Fi gone, keep-alive expired): the Will goes out.</summary>
    public void DropDeviceConnection()
    {
        if (!DeviceConnected)
        {
            return;
        }

        MqttConnectSettings session = _session!;
        Close();
        WillsPublished++;
        Route(session.WillTopic, session.WillPayload, session.WillRetain);
        Schedule(0, () => Listener.OnDisconnected());
    }

    /// <summary>The broker process restarts: every message in flight is lost; retained messages survive (persistence).</summary>
    public void Restart(long downMicros)
    {
        _pending.Clear();
        _attempt++;
        _downUntil = NowMicros + downMicros;
        if (DeviceConnected)
        {
            Close();
            Schedule(0, () => Listener.OnDisconnected());
        }
    }

    public void Connect(MqttConnectSettings settings)
    {
        if (DeviceConnected)
        {
            ProtocolViolations.Add($"connect while connected at {NowMicros} µs");
            return;
        }

        int attempt = ++_attempt;
        if (IsDown)
        {
            Schedule(ChaosSchedule.CalmDelayMicros, () => Answer(attempt, accepted: false, reason: 3));
            return;
        }

        if (settings.ClientId != _clientId || settings.Username != _clientId || settings.Password != _password)
        {
            // MQTT 3.1.1 §3.2.2.3: 4 = bad user name or password.
            Schedule(ChaosSchedule.CalmDelayMicros, () => Answer(attempt, accepted: false, reason: 4));
            return;
        }

        MemoryBrokerConnectOutcome outcome = _chaos.NextConnectOutcome();
        if (outcome == MemoryBrokerConnectOutcome.NeverAnswer)
        {
            return;
        }

        Schedule(_chaos.ConnectDelay(), () =>
        {
            if (outcome == MemoryBrokerConnectOutcome.Accept && attempt == _attempt)
            {
                DeviceConnected = true;
                Connection++;
                _session = settings;
            }

            Answer(attempt, outcome == MemoryBrokerConnectOutcome.Accept, outcome == MemoryBrokerConnectOutcome.Accept ? 0 : 3);
        });
    }

    /// <summary>The device's own DISCONNECT: no Will; the close is reported at once, from inside the call.</summary>
    public void Disconnect()
    {
        _attempt++;
        if (DeviceConnected)
        {
            Close();
            Listener.OnDisconnected();
        }
    }

    public int Publish(string topic, byte[] payload, int qos, bool retain)
    {
        if (!DeviceConnected)
        {
            return 0;
        }

        _nextMessageId = _nextMessageId % 65535 + 1;
        int messageId = _nextMessageId;
        DevicePublishes.Add(new MemoryBrokerPublish(topic, payload, qos, retain, Connection, NowMicros));
        int connection = Connection;
        if (Route(topic, payload, retain) && qos > 0)
        {
            Schedule(_chaos.DeliveryDelay(), () =>
            {
                if (DeviceConnected && Connection == connection)
                {
                    Listener.OnPublished(messageId, true);
                }
            });
        }

        return messageId;
    }

    public void Subscribe(string topic, int qos)
    {
        if (!DeviceConnected)
        {
            return;
        }

        DeviceSubscriptions.Add(new MemoryBrokerSubscription(topic, qos, Connection));
        _deviceSubscriptions.Add(topic);
        if (_retained.TryGetValue(topic, out byte[]? retained))
        {
            SendToDevice(topic, retained);
        }
    }

    public void SubscribeController(string topic, Action<string, byte[]> handler) => _controllerSubscriptions[topic] = handler;

    /// <summary>A message from the controller's own (reliable) connection; lost while the broker is down.</summary>
    public void PublishFromController(string topic, byte[] payload, bool retain)
    {
        if (IsDown)
        {
            return;
        }

        if (retain)
        {
            _retained[topic] = payload;
        }

        if (DeviceConnected && _deviceSubscriptions.Contains(topic))
        {
            SendToDevice(topic, payload);
        }
    }

    /// <summary>Stores a retained message and hands the publish to the controller; false when the chaos dropped it.</summary>
    private bool Route(string topic, byte[] payload, bool retain)
    {
        int copies = _chaos.Copies();
        if (copies == 0)
        {
            return false;
        }

        if (retain)
        {
            _retained[topic] = payload;
        }

        if (_controllerSubscriptions.TryGetValue(topic, out Action<string, byte[]>? handler))
        {
            for (int i = 0; i < copies; i++)
            {
                Schedule(_chaos.DeliveryDelay(), () => handler(topic, payload));
            }
        }

        return true;
    }

    private void SendToDevice(string topic, byte[] payload)
    {
        int connection = Connection;
        int copies = _chaos.Copies();
        for (int i = 0; i < copies; i++)
        {
            Schedule(_chaos.DeliveryDelay(), () =>
            {
                if (DeviceConnected && Connection == connection)
                {
                    // Each delivery is a fresh array, as from a real client library.
                    Listener.OnMessage(topic, (byte[])payload.Clone());
                }
            });
        }
    }

    private void Close()
    {
        DeviceConnected = false;
        _deviceSubscriptions.Clear();
        _session = null;
    }

    private void Answer(int attempt, bool accepted, int reason)
    {
        if (attempt == _attempt)
        {
            Listener.OnConnected(accepted, reason);
        }
    }

    private void Schedule(long delayMicros, Action action) => _pending.Enqueue(action, (NowMicros + delayMicros, _order++));
}
