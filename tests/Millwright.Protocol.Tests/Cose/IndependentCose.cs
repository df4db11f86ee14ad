using System.Security.Cryptography;
using SysCbor = System.Formats.Cbor;

namespace Millwright.Protocol.Tests.Cose;

/// <summary>
/// COSE_Mac0 (RFC 9052 §6.2–6.3) built and taken apart with System.Formats.Cbor and .NET's HMACSHA256 only, as a
/// third-party implementation would: the reference our signer and verifier are checked against.
/// </summary>
internal static class IndependentCose
{
    public static readonly byte[] ProtectedAlg5 = [0xa1, 0x01, 0x05];

    /// <summary>MAC_structure = ["MAC0", protected, external_aad, payload] (RFC 9052 §6.3).</summary>
    public static byte[] MacStructure(byte[] protectedHeader, byte[] payload, byte[]? externalAad = null)
    {
        var writer = new SysCbor.CborWriter(SysCbor.CborConformanceMode.Canonical);
        writer.WriteStartArray(4);
        writer.WriteTextString("MAC0");
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString(externalAad ?? []);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    public static byte[] Mac(byte[] key, byte[] protectedHeader, byte[] payload) =>
        HMACSHA256.HashData(key, MacStructure(protectedHeader, payload));

    /// <summary>
    /// Builds a COSE_Mac0. <paramref name="tag"/> null: tagged 17; <paramref name="payload"/> null: nil (detached);
    /// <paramref name="macTag"/> null: the correct HMAC over the MAC_structure.
    /// </summary>
    public static byte[] Build(
        byte[] key,
        byte[] keyId,
        byte[] payload,
        ulong? tag = 17,
        byte[]? protectedHeader = null,
        Action<SysCbor.CborWriter>? unprotected = null,
        bool detached = false,
        byte[]? macTag = null)
    {
        protectedHeader ??= ProtectedAlg5;
        macTag ??= Mac(key, protectedHeader, payload);
        var writer = new SysCbor.CborWriter(SysCbor.CborConformanceMode.Lax);
        if (tag.HasValue)
        {
            writer.WriteTag((SysCbor.CborTag)tag.Value);
        }

        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeader);
        if (unprotected != null)
        {
            unprotected(writer);
        }
        else
        {
            writer.WriteStartMap(1);
            writer.WriteInt32(4);
            writer.WriteByteString(keyId);
            writer.WriteEndMap();
        }

        if (detached)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteByteString(payload);
        }

        writer.WriteByteString(macTag);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>A decoded COSE_Mac0_Tagged with our layout, read strictly by System.Formats.Cbor.</summary>
    public sealed record Parts(ulong Tag, byte[] Protected, int UnprotectedPairs, byte[] KeyId, byte[] Payload, byte[] MacTag);

    public static Parts Decode(byte[] message)
    {
        var reader = new SysCbor.CborReader(message, SysCbor.CborConformanceMode.Canonical);
        ulong tag = (ulong)reader.ReadTag();
        Assert.Equal(4, reader.ReadStartArray());
        byte[] protectedHeader = reader.ReadByteString();
        int pairs = reader.ReadStartMap() ?? -1;
        Assert.Equal(4, reader.ReadInt32());
        byte[] keyId = reader.ReadByteString();
        reader.ReadEndMap();
        byte[] payload = reader.ReadByteString();
        byte[] macTag = reader.ReadByteString();
        reader.ReadEndArray();
        Assert.Equal(0, reader.BytesRemaining);
        return new Parts(tag, protectedHeader, pairs, keyId, payload, macTag);
    }
}
