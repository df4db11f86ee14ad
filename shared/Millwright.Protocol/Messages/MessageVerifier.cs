using Millwright.Protocol.Cbor;
using Millwright.Protocol.Cose;
using Millwright.Protocol.Crypto;

namespace Millwright.Protocol.Messages;

/// <summary>
/// Checks a signed message from one peer: size, COSE_Mac0 structure, key id and MAC (constant time). After
/// <see cref="Verify"/> succeeds, <see cref="Message"/> gives the payload range and <see cref="PayloadType"/> its
/// type, ready for the matching codec. Allocates nothing per message. Throws only <see cref="ProtocolException"/>.
/// </summary>
public sealed class MessageVerifier
{
    private readonly CoseMac0Message _message = new CoseMac0Message();
    private readonly CborReader _typeReader = new CborReader(new byte[0]);
    private readonly HmacSha256 _hmac = new HmacSha256();
    private byte[] _keyId;

    public MessageVerifier(byte[] key, byte[] keyId)
    {
        SetKey(key, keyId);
    }

    public CoseMac0Message Message
    {
        get { return _message; }
    }

    public void SetKey(byte[] key, byte[] keyId)
    {
        _hmac.SetKey(key, 0, key.Length);
        _keyId = keyId;
    }

    /// <summary>Verifies the message and returns its payload type.</summary>
    public MessageType Verify(byte[] data, int offset, int count)
    {
        if (count > ProtocolLimits.MaxMessageBytes)
        {
            throw new ProtocolException(ProtocolError.MessageTooLarge, "message larger than " + ProtocolLimits.MaxMessageBytes.ToString() + " bytes");
        }

        _message.Parse(data, offset, count);
        if (!_message.KeyIdEquals(_keyId))
        {
            throw new ProtocolException(ProtocolError.CoseUnknownKeyId, "COSE: key id does not match this peer's key");
        }

        if (!_message.Verify(_hmac))
        {
            throw new ProtocolException(ProtocolError.CoseBadMac, "COSE: MAC does not verify");
        }

        return PayloadType(data, _message.PayloadOffset, _message.PayloadLength);
    }

    /// <summary>The type (key 1, which must come first) of a payload, without decoding the rest.</summary>
    public MessageType PayloadType(byte[] payload, int offset, int count)
    {
        CborReader reader = _typeReader;
        reader.Reset(payload, offset, count);
        if (reader.PeekType() != CborType.Map)
        {
            throw new ProtocolException(ProtocolError.MessageWrongType, "payload is not a map");
        }

        reader.ReadMapHeader();
        if (reader.PeekType() != CborType.UnsignedInteger || reader.ReadUInt64() != MessageKeys.Type ||
            reader.PeekType() != CborType.UnsignedInteger)
        {
            throw new ProtocolException(ProtocolError.MessageMissingField, "payload must start with its type (key 1)");
        }

        ulong type = reader.ReadUInt64();
        if (type < 1 || type > 7)
        {
            throw new ProtocolException(ProtocolError.MessageWrongType, "unknown payload type " + type.ToString());
        }

        return (MessageType)(int)type;
    }
}
