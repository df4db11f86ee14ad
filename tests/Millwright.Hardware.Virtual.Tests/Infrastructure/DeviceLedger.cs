using Millwright.Protocol;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>
/// What the test controller holds for one device, following protocol.md §7: every record on the frames topic verified
/// with the device key, each (device, sequence) stored once — a frame or a gap record — and the highest contiguous
/// sequence, where a number counts as filled when a record with it is stored or a stored gap record names it. A second
/// record with a stored number but other bytes is counted as a conflict (it must never happen). Thread-safe.
/// </summary>
internal sealed class DeviceLedger
{
    private readonly object _sync = new();
    private readonly MessageVerifier _verifier;
    private readonly Dictionary<ulong, byte[]> _records = [];
    private readonly SortedDictionary<ulong, Frame> _frames = [];
    private readonly Dictionary<ulong, GapRecord> _gaps = [];
    private readonly List<StatusMessage> _statuses = [];
    private readonly List<CommandResult> _results = [];
    private readonly List<string> _rejections = [];

    public DeviceLedger(string deviceId, byte[] secret)
    {
        DeviceId = deviceId;
        Keys = new DeviceKeys(secret);
        _verifier = new MessageVerifier(Keys.DeviceMessageKey, Keys.KeyId);
    }

    public string DeviceId { get; }

    public DeviceKeys Keys { get; }

    public ulong HighestContiguous { get; private set; }

    public int Duplicates { get; private set; }

    public int Conflicts { get; private set; }

    public SortedDictionary<ulong, Frame> Frames { get { lock (_sync) { return new(_frames); } } }

    public IReadOnlyList<GapRecord> Gaps { get { lock (_sync) { return [.. _gaps.Values]; } } }

    public IReadOnlyList<StatusMessage> Statuses { get { lock (_sync) { return [.. _statuses]; } } }

    public IReadOnlyList<CommandResult> Results { get { lock (_sync) { return [.. _results]; } } }

    public IReadOnlyList<string> Rejections { get { lock (_sync) { return [.. _rejections]; } } }

    public int FrameCount { get { lock (_sync) { return _frames.Count; } } }

    public ulong HighestStored { get { lock (_sync) { return _records.Count == 0 ? 0 : _records.Keys.Max(); } } }

    /// <summary>Takes a record from the frames topic; returns the sequence to ack now (null: nothing stored yet or rejected).</summary>
    public ulong? AcceptRecord(byte[] message)
    {
        lock (_sync)
        {
            try
            {
                MessageType type = _verifier.Verify(message, 0, message.Length);
                int offset = _verifier.Message.PayloadOffset;
                int length = _verifier.Message.PayloadLength;
                if (type == MessageType.Frame)
                {
                    Frame frame = FrameCodec.Decode(message, offset, length);
                    if (Store(frame.DeviceId, frame.Sequence, message))
                    {
                        _frames[frame.Sequence] = frame;
                    }
                }
                else if (type == MessageType.Gap)
                {
                    GapRecord gap = GapRecordCodec.Decode(message, offset, length);
                    if (Store(gap.DeviceId, gap.Sequence, message))
                    {
                        _gaps[gap.Sequence] = gap;
                    }
                }
                else
                {
                    _rejections.Add($"{type} on the frames topic");
                    return null;
                }
            }
            catch (ProtocolException e)
            {
                _rejections.Add($"{e.Error}: {e.Message}");
                return null;
            }

            Advance();
            return HighestContiguous == 0 ? null : HighestContiguous;
        }
    }

    public void AcceptStatus(byte[] payload)
    {
        lock (_sync)
        {
            try
            {
                byte[] message = WillText.ToSigned(payload);
                if (_verifier.Verify(message, 0, message.Length) != MessageType.Status)
                {
                    _rejections.Add("status topic: not a status");
                    return;
                }

                _statuses.Add(StatusCodec.Decode(message, _verifier.Message.PayloadOffset, _verifier.Message.PayloadLength));
            }
            catch (ProtocolException e)
            {
                _rejections.Add($"status: {e.Error}: {e.Message}");
            }
        }
    }

    public CommandResult? AcceptResult(byte[] message)
    {
        lock (_sync)
        {
            try
            {
                if (_verifier.Verify(message, 0, message.Length) != MessageType.CommandResult)
                {
                    _rejections.Add("cmdack topic: not a command result");
                    return null;
                }

                CommandResult result = CommandResultCodec.Decode(message, _verifier.Message.PayloadOffset, _verifier.Message.PayloadLength);
                _results.Add(result);
                return result;
            }
            catch (ProtocolException e)
            {
                _rejections.Add($"cmdack: {e.Error}: {e.Message}");
                return null;
            }
        }
    }

    /// <summary>Sequence numbers in 1..<paramref name="last"/> neither stored nor named by a stored gap record.</summary>
    public IReadOnlyList<ulong> Missing(ulong last)
    {
        lock (_sync)
        {
            var missing = new List<ulong>();
            for (ulong n = 1; n <= last; n++)
            {
                if (!_records.ContainsKey(n) && !_gaps.Values.Any(g => g.FirstDropped <= n && n <= g.LastDropped))
                {
                    missing.Add(n);
                }
            }

            return missing;
        }
    }

    private bool Store(string deviceId, ulong sequence, byte[] message)
    {
        if (deviceId != DeviceId)
        {
            _rejections.Add($"record of {deviceId} on the topic of {DeviceId}");
            return false;
        }

        if (_records.TryGetValue(sequence, out byte[]? stored))
        {
            if (stored.AsSpan().SequenceEqual(message))
            {
                Duplicates++;
            }
            else
            {
                Conflicts++;
            }

            return false;
        }

        _records[sequence] = message;
        return true;
    }

    private void Advance()
    {
        while (true)
        {
            ulong next = HighestContiguous + 1;
            if (_records.ContainsKey(next))
            {
                HighestContiguous = next;
                continue;
            }

            GapRecord? covering = _gaps.Values.FirstOrDefault(g => g.FirstDropped <= next && next <= g.LastDropped);
            if (covering is null)
            {
                return;
            }

            HighestContiguous = covering.LastDropped;
        }
    }
}
