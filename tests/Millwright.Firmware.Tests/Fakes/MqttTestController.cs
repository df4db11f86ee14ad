using Millwright.Protocol;
using Millwright.Protocol.Cbor;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// The plant controller as the device sees it, on a <see cref="MemoryBroker"/>: verifies every frame with the device
/// key, stores each (device, seq) once, and answers every frame (new or duplicate) with a signed ack of the highest
/// contiguous stored sequence. A <see cref="ChaosSchedule"/> can take it down for a while: it then publishes its
/// retained state offline, loses what arrives, and comes back online.
/// </summary>
internal sealed class MqttTestController
{
    private readonly MemoryBroker _broker;
    private readonly ChaosSchedule _chaos;
    private readonly string _deviceId;
    private readonly MessageVerifier _verifier;
    private readonly SignedMessageWriter _ackWriter;
    private readonly string _ackTopic;
    private readonly string _stateTopic;
    private readonly byte[] _buffer = new byte[ProtocolLimits.MaxMessageBytes];
    private long _downUntil = -1;

    public MqttTestController(MemoryBroker broker, ChaosSchedule chaos, string plantId, string deviceId, DeviceKeys keys)
    {
        _broker = broker;
        _chaos = chaos;
        _deviceId = deviceId;
        _verifier = new MessageVerifier(keys.DeviceMessageKey, keys.KeyId);
        _ackWriter = new SignedMessageWriter(keys.ControllerMessageKey, keys.KeyId);
        _ackTopic = TopicNames.Build(plantId, deviceId, TopicKind.Ack);
        _stateTopic = TopicNames.ControllerState(plantId);
        StatusTopic = TopicNames.Build(plantId, deviceId, TopicKind.Status);
        broker.SubscribeController(TopicNames.Build(plantId, deviceId, TopicKind.Frames), (_, payload) => OnFrame(payload));
        broker.SubscribeController(StatusTopic, (_, payload) => StatusMessages.Add(payload));
    }

    public string StatusTopic { get; }

    /// <summary>Stored frames by sequence number.</summary>
    public Dictionary<ulong, byte[]> Stored { get; } = new();

    /// <summary>How many times each sequence was written to storage (exactly-once means every value is 1).</summary>
    public Dictionary<ulong, int> StoreCounts { get; } = new();

    public ulong HighestContiguous { get; private set; }

    public int FramesReceived { get; private set; }

    public int DuplicatesReceived { get; private set; }

    public int FramesLostWhileDown { get; private set; }

    public List<string> Rejections { get; } = new();

    public List<byte[]> StatusMessages { get; } = new();

    public bool Acking { get; set; } = true;

    public bool IsUp => _downUntil < _broker.NowMicros;

    public void PublishState(bool online)
    {
        var writer = new CborWriter(_buffer);
        ControllerStateCodec.Encode(online, MqttTestStatusSource.UtcAtBoot + _broker.NowMicros, writer);
        _broker.PublishFromController(_stateTopic, _buffer.AsSpan(0, writer.Length).ToArray(), retain: true);
    }

    /// <summary>Lets the chaos take the controller down, and brings it back when the outage is over.</summary>
    public void Advance()
    {
        if (IsUp && _chaos.ControllerOutageNow())
        {
            _downUntil = _broker.NowMicros + _chaos.OutageMicros();
            PublishState(online: false);
        }
        else if (_downUntil >= 0 && IsUp)
        {
            _downUntil = -1;
            PublishState(online: true);
        }
    }

    public void SendAck(ulong sequence) => _broker.PublishFromController(_ackTopic, SignAck(sequence, _ackWriter, _deviceId), retain: false);

    public byte[] SignAck(ulong sequence, SignedMessageWriter writer, string deviceId)
    {
        var ack = new Ack { DeviceId = deviceId, AckedSequence = sequence, ControllerTimeMicros = MqttTestStatusSource.UtcAtBoot + _broker.NowMicros };
        int length = writer.WriteAck(ack, _buffer, 0);
        return _buffer.AsSpan(0, length).ToArray();
    }

    private void OnFrame(byte[] message)
    {
        if (!IsUp)
        {
            FramesLostWhileDown++;
            return;
        }

        Frame frame;
        try
        {
            if (_verifier.Verify(message, 0, message.Length) != MessageType.Frame)
            {
                Rejections.Add("not a frame");
                return;
            }

            frame = FrameCodec.Decode(message, _verifier.Message.PayloadOffset, _verifier.Message.PayloadLength);
        }
        catch (ProtocolException e)
        {
            Rejections.Add(e.Message);
            return;
        }

        if (frame.DeviceId != _deviceId)
        {
            Rejections.Add("frame of another device");
            return;
        }

        FramesReceived++;
        if (Stored.TryAdd(frame.Sequence, message))
        {
            StoreCounts[frame.Sequence] = StoreCounts.GetValueOrDefault(frame.Sequence) + 1;
            while (Stored.ContainsKey(HighestContiguous + 1))
            {
                HighestContiguous++;
            }
        }
        else
        {
            DuplicatesReceived++;
        }

        if (Acking)
        {
            SendAck(HighestContiguous);
        }
    }
}
