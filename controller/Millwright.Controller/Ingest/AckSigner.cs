using Millwright.Controller.Devices;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Ingest;

/// <summary>
/// Signs acks (protocol §5.5) with the controller-messages key of a given key generation. One writer per
/// generation, created on first use; not thread-safe (the batch writer is its only user).
/// </summary>
public sealed class AckSigner
{
    private readonly Dictionary<(string DeviceId, int Generation), (byte[] Key, SignedMessageWriter Writer)> _writers = [];
    private readonly byte[] _buffer = new byte[ProtocolLimits.MaxMessageBytes];
    private readonly Ack _ack = new();

    public byte[] Sign(VerificationKey key, long ackedSequence, DateTimeOffset now)
    {
        _ack.DeviceId = key.DeviceId;
        _ack.AckedSequence = (ulong)ackedSequence;
        _ack.ControllerTimeMicros = (now - DateTimeOffset.UnixEpoch).Ticks / 10;
        int length = WriterFor(key).WriteAck(_ack, _buffer, 0);
        return _buffer.AsSpan(0, length).ToArray();
    }

    private SignedMessageWriter WriterFor(VerificationKey key)
    {
        (string, int) id = (key.DeviceId, key.Generation);
        byte[] controllerKey = key.Keys.ControllerMessageKey;
        if (_writers.TryGetValue(id, out (byte[] Key, SignedMessageWriter Writer) cached) && ReferenceEquals(cached.Key, controllerKey))
        {
            return cached.Writer;
        }

        var writer = new SignedMessageWriter(controllerKey, key.KeyId);
        _writers[id] = (controllerKey, writer);
        return writer;
    }
}
