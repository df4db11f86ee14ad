using System.Formats.Cbor;
using static Millwright.Protocol.Tests.Cbor.CborTestData;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>
/// Our writer and reader against System.Formats.Cbor. Its Canonical mode (RFC 7049 §3.9) is the one that matches our
/// rules: shortest integers and lengths, definite lengths, unique keys, tags allowed, and WriteSingle shortens to half
/// precision when exact (NaN as 0xf97e00). It orders keys length-first, which equals our bytewise order only while
/// all integer keys are non-negative. Ctap2Canonical orders integer keys like us (major type first) but forbids tags
/// and keeps single precision.
/// </summary>
public class SystemFormatsCborCrossCheckTests
{
    private const int Documents = 3000;

    [Fact]
    public void OurOutputIsAcceptedByCanonicalModeWithTheSameValues()
    {
        var documents = new RandomCborDocuments(1);
        for (int i = 0; i < Documents; i++)
        {
            CborNode node = documents.Next();
            byte[] ours = CborNodeCodec.Encode(node);
            Assert.Equal(node.ToString(), SystemCborCodec.Decode(ours, CborConformanceMode.Canonical).ToString());
        }
    }

    [Fact]
    public void CanonicalModeOutputIsReadByUsAndReEncodedToIdenticalBytes()
    {
        var documents = new RandomCborDocuments(2);
        for (int i = 0; i < Documents; i++)
        {
            CborNode node = documents.Next();
            byte[] theirs = SystemCborCodec.Encode(node, CborConformanceMode.Canonical);
            CborNode read = CborNodeCodec.Decode(theirs);
            Assert.Equal(node.ToString(), read.ToString());
            Assert.Equal(Convert.ToHexStringLower(theirs), Convert.ToHexStringLower(CborNodeCodec.Encode(read)));
        }
    }

    [Fact]
    public void NegativeKeysInOurOrderAreAcceptedByCtap2CanonicalMode()
    {
        var documents = new RandomCborDocuments(3, negativeKeys: true, tags: false);
        for (int i = 0; i < Documents; i++)
        {
            CborNode node = documents.Next();
            byte[] ours = CborNodeCodec.Encode(node);
            Assert.Equal(node.ToString(), SystemCborCodec.Decode(ours, CborConformanceMode.Ctap2Canonical).ToString());
            Assert.Equal(node.ToString(), CborNodeCodec.Decode(ours).ToString());
        }
    }

    [Fact]
    public void CanonicalModeShortensSinglesToHalfLikeUs()
    {
        float[] values = [0f, -0f, 1.5f, 65504f, 5.960464477539063e-8f, float.PositiveInfinity, float.NaN, 100000f, float.Epsilon];
        foreach (float value in values)
        {
            var theirs = new System.Formats.Cbor.CborWriter(CborConformanceMode.Canonical);
            theirs.WriteSingle(value);
            Assert.Equal(Convert.ToHexStringLower(theirs.Encode()), Written(w => w.WriteSingle(value)));
        }
    }

    [Fact]
    public void Ctap2CanonicalKeepsSinglesThatWeShorten()
    {
        var theirs = new System.Formats.Cbor.CborWriter(CborConformanceMode.Ctap2Canonical);
        theirs.WriteSingle(1.5f);
        Assert.Equal("fa3fc00000", Convert.ToHexStringLower(theirs.Encode()));
        Assert.Equal(ProtocolError.CborNonCanonical, ReadError("fa3fc00000"));
    }

    [Fact]
    public void LengthFirstKeyOrderDiffersFromOursOnceKeysAreNegative()
    {
        // {24: 0, -1: 0}: bytewise order puts 0x18 0x18 before 0x20; RFC 7049 length-first puts -1 first.
        CborNode node = CborNode.Map(CborNode.UInt(24), CborNode.UInt(0), CborNode.Int(-1), CborNode.UInt(0));
        byte[] ours = CborNodeCodec.Encode(node);
        Assert.Equal("a21818002000", Convert.ToHexStringLower(ours));
        Assert.Throws<CborContentException>(() => SystemCborCodec.Decode(ours, CborConformanceMode.Canonical));

        byte[] theirs = SystemCborCodec.Encode(node, CborConformanceMode.Canonical);
        Assert.Equal("a22000181800", Convert.ToHexStringLower(theirs));
        Assert.Equal(ProtocolError.CborUnsortedKeys, ReadError(theirs));
    }

    [Fact]
    public void CanonicalModeAcceptsWhatOurReaderRejects()
    {
        // Canonical mode does not insist on the shortest float or on one NaN; we do (RFC 8949 §4.2.1, §4.2.2).
        (string Hex, ProtocolError Ours)[] cases =
        [
            ("fa3fc00000", ProtocolError.CborNonCanonical), // 1.5 as a single
            ("fb3ff8000000000000", ProtocolError.CborUnsupported), // 1.5 as a double
            ("f97e01", ProtocolError.CborNonCanonical), // a NaN with payload
        ];
        foreach ((string hex, ProtocolError ours) in cases)
        {
            var reader = new System.Formats.Cbor.CborReader(Hex(hex), CborConformanceMode.Canonical);
            reader.SkipValue();
            Assert.Equal(ours, ReadError(hex));
        }
    }
}
