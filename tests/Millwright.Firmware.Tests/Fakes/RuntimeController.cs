using Millwright.Protocol;
using Millwright.Protocol.Cbor;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// The plant controller of the runtime tests, on a <see cref="MemoryBroker"/>, following protocol.md §7: verifies
/// every record on the frames topic with the device key, stores each (device, sequence) once — frames and gap records
/// alike — and answers every record with a signed ack of the highest contiguous sequence, where a number counts as
/// filled when a record with it is stored or it lies in the dropped range of a stored gap record.
/// </summary>
internal sealed class RuntimeController
{
    /// <summary>The controller's wall clock at broker time 0 (2026-01-01T00:00:00Z).</summary>
    public const long UtcAtBoot = 1_767_225_600_000_000;

    private readonly MemoryBroker _broker;
    private readonly string _deviceId;
    private readonly MessageVerifier _verifier;
    private readonly SignedMessageWriter _ackWriter;
    private readonly string _ackTopic;
    private readonly string _stateTopic;
    private readonly List<(ulong First, ulong Last)> _gapRanges = [];
    private readonly byte[] _buffer = new byte[ProtocolLimits.MaxMessageBytes];

    public RuntimeController(MemoryBroker broker, string plantId, string deviceId, DeviceKeys keys)
    {
        _broker = broker;
        _deviceId = deviceId;
        _verifier = new MessageVerifier(keys.DeviceMessageKey, keys.KeyId);
        _ackWriter = new SignedMessageWriter(keys.ControllerMessageKey, keys.KeyId);
        _ackTopic = TopicNames.Build(plantId, deviceId, TopicKind.Ack);
        _stateTopic = TopicNames.ControllerState(plantId);
        broker.SubscribeController(TopicNames.Build(plantId, deviceId, TopicKind.Frames), (_, payload) => OnRecord(payload));
        broker.SubscribeController(TopicNames.Build(plantId, deviceId, TopicKind.Status), (_, payload) => StatusMessages.Add(payload));
    }

    /// <summary>Stored frames (signed bytes) by sequence number.</summary>
    public Dictionary<ulong, byte[]> Stored { get; } = [];

    /// <summary>Stored gap records by their own sequence number.</summary>
    public Dictionary<ulong, GapRecord> Gaps { get; } = [];

    /// <summary>How many times each sequence (frame or gap record) was written to storage: exactly once means all 1.</summary>
    public Dictionary<ulong, int> StoreCounts { get; } = [];

    public ulong HighestContiguous { get; private set; }

    public int RecordsReceived { get; private set; }

    public int DuplicatesReceived { get; private set; }

    public List<string> Rejections { get; } = [];

    public List<byte[]> StatusMessages { get; } = [];

    public bool Acking { get; set; } = true;

    public void PublishState(bool online)
    {
        var writer = new CborWriter(_buffer);
        ControllerStateCodec.Encode(online, UtcAtBoot + _broker.NowMicros, writer);
        _broker.PublishFromController(_stateTopic, _buffer.AsSpan(0, writer.Length).ToArray(), retain: true);
    }

    private void OnRecord(byte[] message)
    {
        RecordsReceived++;
        ulong sequence;
        try
        {
            MessageType type = _verifier.Verify(message, 0, message.Length);
            int offset = _verifier.Message.PayloadOffset;
            int length = _verifier.Message.PayloadLength;
            if (type == MessageType.Frame)
            {
                Frame frame = FrameCodec.Decode(message, offset, length);
                if (!Own(frame.DeviceId) || !Store(frame.Sequence))
                {
                    return;
                }

                sequence = frame.Sequence;
                Stored[sequence] = message;
            }
            else if (type == MessageType.Gap)
            {
                GapRecord gap = GapRecordCodec.Decode(message, offset, length);
                if (!Own(gap.DeviceId) || !Store(gap.Sequence))
                {
                    return;
                }

                Gaps[gap.Sequence] = gap;
                _gapRanges.Add((gap.FirstDropped, gap.LastDropped));
            }
            else
            {
                Rejections.Add("not a frame or gap record: " + type);
                return;
            }
        }
        catch (ProtocolException e)
        {
            Rejections.Add(e.Error + ": " + e.Message);
            return;
        }

        AdvanceContiguous();
        Ack();
    }

    private bool Own(string deviceId)
    {
        if (deviceId == _deviceId)
        {
            return true;
        }

        Rejections.Add("record of another device: " + deviceId);
        return false;
    }

    // A duplicate is acked again (so the device can free it) but not stored twice.
    private bool Store(ulong sequence)
    {
        if (StoreCounts.ContainsKey(sequence))
        {
            DuplicatesReceived++;
            Ack();
            return false;
        }

        StoreCounts[sequence] = 1;
        return true;
    }

    private void AdvanceContiguous()
    {
        bool moved = true;
        while (moved)
        {
            moved = false;
            ulong next = HighestContiguous + 1;
            if (StoreCounts.ContainsKey(next))
            {
                HighestContiguous = next;
                moved = true;
                continue;
            }

            foreach ((ulong first, ulong last) in _gapRanges)
            {
                if (first <= next && next <= last)
                {
                    HighestContiguous = last;
                    moved = true;
                    break;
                }
            }
        }
    }

    private void Ack()
    {
        if (!Acking || HighestContiguous == 0)
        {
            return;
        }

        var ack = new Ack { DeviceId = _deviceId, AckedSequence = HighestContiguous, ControllerTimeMicros = UtcAtBoot + _broker.NowMicros };
        int length = _ackWriter.WriteAck(ack, _buffer, 0);
        _broker.PublishFromController(_ackTopic, _buffer.AsSpan(0, length).ToArray(), retain: false);
    }
}
