using Millwright.Protocol.Cbor;
using Millwright.Protocol.Cose;

namespace Millwright.Protocol.Messages;

/// <summary>
/// Encodes a message payload and signs it as COSE_Mac0 in one step, with buffers allocated once: the device's
/// steady-state frame path (encode + sign) allocates nothing. One instance per key and per thread.
/// </summary>
public sealed class SignedMessageWriter
{
    private readonly byte[] _payload = new byte[ProtocolLimits.MaxMessageBytes];
    private readonly CborWriter _writer;
    private readonly CoseMac0Signer _signer;

    public SignedMessageWriter(byte[] key, byte[] keyId)
    {
        _writer = new CborWriter(_payload);
        _signer = new CoseMac0Signer(key, keyId);
    }

    public int WriteFrame(Frame frame, byte[] output, int offset)
    {
        _writer.Reset();
        FrameCodec.Encode(frame, _writer);
        return Sign(output, offset);
    }

    public int WriteGap(GapRecord gap, byte[] output, int offset)
    {
        _writer.Reset();
        GapRecordCodec.Encode(gap, _writer);
        return Sign(output, offset);
    }

    public int WriteStatus(StatusMessage status, byte[] output, int offset)
    {
        _writer.Reset();
        StatusCodec.Encode(status, _writer);
        return Sign(output, offset);
    }

    public int WriteCommandResult(CommandResult result, byte[] output, int offset)
    {
        _writer.Reset();
        CommandResultCodec.Encode(result, _writer);
        return Sign(output, offset);
    }

    public int WriteAck(Ack ack, byte[] output, int offset)
    {
        _writer.Reset();
        AckCodec.Encode(ack, _writer);
        return Sign(output, offset);
    }

    public int WriteCommand(Command command, byte[] output, int offset)
    {
        _writer.Reset();
        CommandCodec.Encode(command, _writer);
        return Sign(output, offset);
    }

    private int Sign(byte[] output, int offset)
    {
        int length = _signer.Sign(_payload, 0, _writer.Length, output, offset);
        if (length > ProtocolLimits.MaxMessageBytes)
        {
            throw new ProtocolException(ProtocolError.MessageTooLarge, "signed message larger than " + ProtocolLimits.MaxMessageBytes.ToString() + " bytes");
        }

        return length;
    }
}
