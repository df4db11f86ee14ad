using Millwright.Protocol.Cbor;
using Millwright.Protocol.Crypto;

namespace Millwright.Protocol.Cose;

/// <summary>
/// Writes COSE_Mac0_Tagged (RFC 9052 §6.2) with HMAC 256/256: 17([h'a10105', {4: kid}, payload, tag]).
/// The MAC is streamed over MAC_structure ["MAC0", protected, h'', payload] without building it in memory,
/// so signing allocates nothing after construction.
/// </summary>
public sealed class CoseMac0Signer
{
    private readonly HmacSha256 _hmac = new HmacSha256();
    private readonly byte[] _header = new byte[9];
    private readonly byte[] _tag = new byte[CoseConstants.TagSize];
    private readonly CborWriter _writer = new CborWriter(new byte[0]);
    private byte[] _keyId;

    public CoseMac0Signer(byte[] key, byte[] keyId)
    {
        SetKey(key, keyId);
    }

    public void SetKey(byte[] key, byte[] keyId)
    {
        if (key == null || key.Length == 0 || keyId == null)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "COSE: key and key id are required");
        }

        _hmac.SetKey(key, 0, key.Length);
        _keyId = keyId;
    }

    /// <summary>Signs a payload and writes the tagged COSE_Mac0 into <paramref name="output"/>; returns its length.</summary>
    public int Sign(byte[] payload, int payloadOffset, int payloadLength, byte[] output, int outputOffset)
    {
        ComputeTag(_hmac, CoseConstants.ProtectedHeader, 0, CoseConstants.ProtectedHeader.Length, payload, payloadOffset, payloadLength, _header, _tag);

        CborWriter writer = _writer;
        writer.Reset(output, outputOffset);
        writer.WriteTag(CoseConstants.Mac0Tag);
        writer.WriteArrayHeader(4);
        writer.WriteByteString(CoseConstants.ProtectedHeader, 0, CoseConstants.ProtectedHeader.Length);
        writer.WriteMapHeader(1);
        writer.WriteInt32(CoseConstants.HeaderKeyId);
        writer.WriteByteString(_keyId, 0, _keyId.Length);
        writer.WriteByteString(payload, payloadOffset, payloadLength);
        writer.WriteByteString(_tag, 0, _tag.Length);
        return writer.Length;
    }

    /// <summary>
    /// HMAC over MAC_structure = ["MAC0", protected, external_aad = h'', payload] (RFC 9052 §6.3), streamed.
    /// <paramref name="scratch"/> holds at least 9 bytes.
    /// </summary>
    internal static void ComputeTag(
        HmacSha256 hmac, byte[] protectedBytes, int protectedOffset, int protectedLength,
        byte[] payload, int payloadOffset, int payloadLength, byte[] scratch, byte[] tag)
    {
        hmac.Initialize();
        hmac.Append(CoseConstants.MacStructurePrefix, 0, CoseConstants.MacStructurePrefix.Length);
        int headerLength = ByteStringHeader(protectedLength, scratch);
        hmac.Append(scratch, 0, headerLength);
        hmac.Append(protectedBytes, protectedOffset, protectedLength);
        hmac.Append(0x40);
        headerLength = ByteStringHeader(payloadLength, scratch);
        hmac.Append(scratch, 0, headerLength);
        hmac.Append(payload, payloadOffset, payloadLength);
        hmac.Finish(tag, 0);
    }

    // RFC 8949 §3.1: major type 2 with the length as argument, shortest form.
    private static int ByteStringHeader(int length, byte[] scratch)
    {
        if (length < 24)
        {
            scratch[0] = (byte)(0x40 | length);
            return 1;
        }

        if (length <= 0xff)
        {
            scratch[0] = 0x58;
            scratch[1] = (byte)length;
            return 2;
        }

        if (length <= 0xffff)
        {
            scratch[0] = 0x59;
            scratch[1] = (byte)(length >> 8);
            scratch[2] = (byte)length;
            return 3;
        }

        scratch[0] = 0x5a;
        scratch[1] = (byte)(length >> 24);
        scratch[2] = (byte)(length >> 16);
        scratch[3] = (byte)(length >> 8);
        scratch[4] = (byte)length;
        return 5;
    }
}
