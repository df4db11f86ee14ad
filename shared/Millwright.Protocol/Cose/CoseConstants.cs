namespace Millwright.Protocol.Cose;

/// <summary>The COSE values we use (RFC 9052, RFC 9053 and the IANA COSE registries).</summary>
public static class CoseConstants
{
    /// <summary>CBOR tag of COSE_Mac0 (RFC 9052 §2).</summary>
    public const ulong Mac0Tag = 17;

    /// <summary>Header label "alg" (RFC 9052 §3.1).</summary>
    public const int HeaderAlgorithm = 1;

    /// <summary>Header label "kid" (RFC 9052 §3.1).</summary>
    public const int HeaderKeyId = 4;

    /// <summary>HMAC 256/256: HMAC with SHA-256, full 256-bit tag (RFC 9053 §3.1).</summary>
    public const int AlgorithmHmac256 = 5;

    public const int TagSize = 32;

    /// <summary>The protected header we write: the map {1: 5}, encoded (RFC 9052 §3).</summary>
    internal static readonly byte[] ProtectedHeader = { 0xa1, 0x01, 0x05 };

    /// <summary>
    /// MAC_structure (RFC 9052 §6.3) up to the payload, for our protected header and an empty external_aad:
    /// array(4), "MAC0", bstr(protected), bstr(""), then the payload's byte string header and bytes follow.
    /// </summary>
    internal static readonly byte[] MacStructurePrefix = { 0x84, 0x64, 0x4d, 0x41, 0x43, 0x30 };
}
