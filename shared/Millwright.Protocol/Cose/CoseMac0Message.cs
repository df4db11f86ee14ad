using Millwright.Protocol.Cbor;
using Millwright.Protocol.Crypto;

namespace Millwright.Protocol.Cose;

/// <summary>
/// A parsed COSE_Mac0 (RFC 9052 §6.2), tagged or untagged, without copying: the fields are ranges in
/// <see cref="Data"/>. <see cref="Parse"/> checks the structure and that the algorithm is HMAC 256/256;
/// <see cref="Verify"/> checks the tag in constant time. Reusable: one instance parses many messages.
/// Bad input throws <see cref="ProtocolException"/> (Cbor* or Cose* errors) and nothing else.
/// </summary>
public sealed class CoseMac0Message
{
    private readonly CborReader _reader = new CborReader(new byte[0]);
    private readonly CborReader _headerReader = new CborReader(new byte[0]);
    private readonly byte[] _scratch = new byte[9];
    private readonly byte[] _computed = new byte[CoseConstants.TagSize];

    public byte[] Data { get; private set; }

    public int ProtectedOffset { get; private set; }

    public int ProtectedLength { get; private set; }

    public int KeyIdOffset { get; private set; }

    public int KeyIdLength { get; private set; }

    public int PayloadOffset { get; private set; }

    public int PayloadLength { get; private set; }

    public int TagOffset { get; private set; }

    public void Parse(byte[] data, int offset, int count)
    {
        Data = data;
        CborReader reader = _reader;
        reader.Reset(data, offset, count);
        if (reader.PeekType() == CborType.Tag && reader.ReadTag() != CoseConstants.Mac0Tag)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "COSE: tag is not COSE_Mac0 (17)");
        }

        if (reader.PeekType() != CborType.Array || reader.ReadArrayHeader() != 4)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "COSE: COSE_Mac0 is an array of four items");
        }

        int position;
        ProtectedLength = ReadByteStringField(reader, "protected header", out position);
        ProtectedOffset = position;
        CheckProtectedHeader();
        ReadUnprotectedHeader(reader);
        PayloadLength = ReadByteStringField(reader, "payload (detached payloads are not supported)", out position);
        PayloadOffset = position;
        int tagLength = ReadByteStringField(reader, "tag", out position);
        TagOffset = position;
        if (tagLength != CoseConstants.TagSize)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "COSE: HMAC 256/256 tag must be 32 bytes");
        }

        reader.Finish();
    }

    /// <summary>Checks the tag with a keyed HMAC (constant-time comparison). Call after <see cref="Parse"/>.</summary>
    public bool Verify(HmacSha256 keyedHmac)
    {
        CoseMac0Signer.ComputeTag(
            keyedHmac, Data, ProtectedOffset, ProtectedLength, Data, PayloadOffset, PayloadLength, _scratch, _computed);
        return ConstantTime.AreEqual(_computed, 0, Data, TagOffset, CoseConstants.TagSize);
    }

    /// <summary>True when the key id in the unprotected header equals <paramref name="keyId"/>.</summary>
    public bool KeyIdEquals(byte[] keyId)
    {
        return keyId != null && keyId.Length == KeyIdLength && ConstantTime.AreEqual(keyId, 0, Data, KeyIdOffset, KeyIdLength);
    }

    public byte[] CopyKeyId()
    {
        var copy = new byte[KeyIdLength];
        System.Array.Copy(Data, KeyIdOffset, copy, 0, KeyIdLength);
        return copy;
    }

    private static int ReadByteStringField(CborReader reader, string what, out int offset)
    {
        if (reader.PeekType() != CborType.ByteString)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "COSE: expected a byte string for the " + what);
        }

        return reader.ReadByteString(out offset);
    }

    // RFC 9052 §3: the protected header is a serialized map; ours must say alg = HMAC 256/256 (5).
    private void CheckProtectedHeader()
    {
        if (ProtectedLength == 0)
        {
            throw new ProtocolException(ProtocolError.CoseUnsupportedAlgorithm, "COSE: no protected algorithm");
        }

        CborReader header = _headerReader;
        header.Reset(Data, ProtectedOffset, ProtectedLength);
        if (header.PeekType() != CborType.Map)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "COSE: protected header is not a map");
        }

        int pairs = header.ReadMapHeader();
        bool algorithmFound = false;
        for (int i = 0; i < pairs; i++)
        {
            long label = ReadLabel(header);
            if (label == CoseConstants.HeaderAlgorithm)
            {
                if (header.PeekType() != CborType.UnsignedInteger && header.PeekType() != CborType.NegativeInteger)
                {
                    throw new ProtocolException(ProtocolError.CoseUnsupportedAlgorithm, "COSE: algorithm is not an integer");
                }

                if (header.ReadInt64() != CoseConstants.AlgorithmHmac256)
                {
                    throw new ProtocolException(ProtocolError.CoseUnsupportedAlgorithm, "COSE: algorithm is not HMAC 256/256 (5)");
                }

                algorithmFound = true;
            }
            else
            {
                header.SkipValue();
            }
        }

        header.Finish();
        if (!algorithmFound)
        {
            throw new ProtocolException(ProtocolError.CoseUnsupportedAlgorithm, "COSE: no protected algorithm");
        }
    }

    private void ReadUnprotectedHeader(CborReader reader)
    {
        if (reader.PeekType() != CborType.Map)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "COSE: unprotected header is not a map");
        }

        int pairs = reader.ReadMapHeader();
        KeyIdLength = -1;
        for (int i = 0; i < pairs; i++)
        {
            long label = ReadLabel(reader);
            if (label == CoseConstants.HeaderKeyId)
            {
                int position;
                KeyIdLength = ReadByteStringField(reader, "key id", out position);
                KeyIdOffset = position;
            }
            else if (label == CoseConstants.HeaderAlgorithm)
            {
                throw new ProtocolException(ProtocolError.CoseMalformed, "COSE: algorithm must be in the protected header");
            }
            else
            {
                reader.SkipValue();
            }
        }

        if (KeyIdLength < 0)
        {
            throw new ProtocolException(ProtocolError.CoseUnknownKeyId, "COSE: no key id in the unprotected header");
        }
    }

    private static long ReadLabel(CborReader reader)
    {
        CborType type = reader.PeekType();
        if (type != CborType.UnsignedInteger && type != CborType.NegativeInteger)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "COSE: header labels must be integers");
        }

        return reader.ReadInt64();
    }
}
