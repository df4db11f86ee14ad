using Millwright.Protocol;
using Millwright.Protocol.Cose;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Proofs.Verification;

/// <summary>
/// Reads a stored frame's bytes as the protocol defines them (docs/protocol.md §3, §5.3, §5.4): a COSE_Mac0 whose
/// payload is a frame of readings or a gap record. The MAC is not checked here (that needs the device secret).
/// Throws <see cref="ProtocolException"/> for anything else.
/// </summary>
internal static class SignedFrameReader
{
    public static SignedFrameContent Read(byte[] signed)
    {
        if (signed.Length > ProtocolLimits.MaxMessageBytes)
        {
            throw new ProtocolException(ProtocolError.MessageTooLarge, $"a signed message is at most {ProtocolLimits.MaxMessageBytes} bytes; this one is {signed.Length}");
        }

        var message = new CoseMac0Message();
        message.Parse(signed, 0, signed.Length);
        string keyId = Convert.ToHexStringLower(message.CopyKeyId());
        var verifier = new MessageVerifier([0], []); // only for PayloadType, which reads no key
        MessageType type = verifier.PayloadType(signed, message.PayloadOffset, message.PayloadLength);
        switch (type)
        {
            case MessageType.Frame:
                Frame frame = FrameCodec.Decode(signed, message.PayloadOffset, message.PayloadLength);
                return new SignedFrameContent(type, frame.DeviceId, frame.Sequence, frame.BootCounter, frame.TimeMicros, frame.SampleCount, keyId);
            case MessageType.Gap:
                GapRecord gap = GapRecordCodec.Decode(signed, message.PayloadOffset, message.PayloadLength);
                return new SignedFrameContent(type, gap.DeviceId, gap.Sequence, gap.BootCounter, gap.TimeMicros, 0, keyId);
            default:
                throw new ProtocolException(ProtocolError.MessageWrongType, $"the payload is a {type} message, not a frame or a gap record");
        }
    }
}
