using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// The device end of a <see cref="MemoryBroker"/>: an <see cref="IMqttLink"/> whose calls return at once, like the
/// board's M2Mqtt binding, and whose outcomes come back later through the listener. Copies every published payload.
/// </summary>
internal sealed class MemoryMqttLink : IMqttLink
{
    private readonly MemoryBroker _broker;

    public MemoryMqttLink(MemoryBroker broker)
    {
        _broker = broker;
        broker.Attach(this);
    }

    public IMqttLinkListener? Listener { get; private set; }

    public List<MqttConnectSettings> ConnectRequests { get; } = new();

    /// <summary>Monotonic time of each <see cref="Connect"/> call.</summary>
    public List<long> ConnectTimes { get; } = new();

    public int DisconnectCalls { get; private set; }

    public void SetListener(IMqttLinkListener listener) => Listener = listener;

    public void Connect(MqttConnectSettings settings)
    {
        ConnectRequests.Add(settings);
        ConnectTimes.Add(_broker.NowMicros);
        _broker.Connect(settings);
    }

    public void Disconnect()
    {
        DisconnectCalls++;
        _broker.Disconnect();
    }

    public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        var copy = new byte[count];
        Array.Copy(payload, offset, copy, 0, count);
        return _broker.Publish(topic, copy, qos, retain);
    }

    public void Subscribe(string topic, int qos) => _broker.Subscribe(topic, qos);
}
