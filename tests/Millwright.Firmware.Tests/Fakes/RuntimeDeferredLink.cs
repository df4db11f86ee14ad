using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// Sits between the firmware and a <see cref="MemoryMqttLink"/> so that allocation measurements see only the firmware:
/// a publish is copied into a pre-allocated slot (no allocation, as on the board where M2Mqtt queues natively) and
/// handed to the inner link by <see cref="Flush"/>, which the test calls between steps at the same simulated time.
/// Message ids are this link's own; the inner link's completions are translated back.
/// </summary>
internal sealed class RuntimeDeferredLink : IMqttLink, IMqttLinkListener
{
    private const int Slots = 64;

    private readonly MemoryMqttLink _inner;
    private readonly MemoryBroker _broker;
    private readonly byte[][] _payloads = new byte[Slots][];
    private readonly int[] _lengths = new int[Slots];
    private readonly string[] _topics = new string[Slots];
    private readonly int[] _qos = new int[Slots];
    private readonly bool[] _retain = new bool[Slots];
    private readonly int[] _ids = new int[Slots];
    private readonly Dictionary<int, int> _ourIdByInnerId = [];
    private IMqttLinkListener? _listener;
    private int _head;
    private int _count;
    private int _nextId;

    public RuntimeDeferredLink(MemoryMqttLink inner, MemoryBroker broker)
    {
        _inner = inner;
        _broker = broker;
        for (int i = 0; i < Slots; i++)
        {
            _payloads[i] = new byte[Millwright.Protocol.Messages.ProtocolLimits.MaxMessageBytes];
        }

        inner.SetListener(this);
    }

    public int Overflows { get; private set; }

    public void SetListener(IMqttLinkListener listener) => _listener = listener;

    public void Connect(MqttConnectSettings settings) => _inner.Connect(settings);

    public void Disconnect()
    {
        Flush();
        _inner.Disconnect();
    }

    public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        if (!_broker.DeviceConnected)
        {
            return 0;
        }

        if (_count == Slots)
        {
            Overflows++;
            return 0;
        }

        int slot = (_head + _count) % Slots;
        Array.Copy(payload, offset, _payloads[slot], 0, count);
        _lengths[slot] = count;
        _topics[slot] = topic;
        _qos[slot] = qos;
        _retain[slot] = retain;
        _nextId = _nextId % 65535 + 1;
        _ids[slot] = _nextId;
        _count++;
        return _nextId;
    }

    public void Subscribe(string topic, int qos)
    {
        Flush();
        _inner.Subscribe(topic, qos);
    }

    /// <summary>Hands every queued publish to the broker, in order.</summary>
    public void Flush()
    {
        while (_count > 0)
        {
            int slot = _head;
            _head = (_head + 1) % Slots;
            _count--;
            int innerId = _inner.Publish(_topics[slot], _payloads[slot], 0, _lengths[slot], _qos[slot], _retain[slot]);
            if (innerId != 0)
            {
                _ourIdByInnerId[innerId] = _ids[slot];
            }
        }
    }

    public void OnConnected(bool accepted, int reasonCode) => _listener?.OnConnected(accepted, reasonCode);

    public void OnDisconnected()
    {
        _count = 0; // queued publishes die with the connection, as a client library's queue does
        _listener?.OnDisconnected();
    }

    public void OnPublished(int messageId, bool delivered)
    {
        if (_ourIdByInnerId.Remove(messageId, out int ours))
        {
            _listener?.OnPublished(ours, delivered);
        }
    }

    public void OnMessage(string topic, byte[] payload) => _listener?.OnMessage(topic, payload);
}
