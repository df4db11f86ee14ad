using Millwright.Protocol.Cbor;
using static Millwright.Protocol.Tests.Cbor.CborTestData;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>Input that is not one complete, shortest-form, definite-length item of our subset (RFC 8949 §3, §4.2.1).</summary>
public class CborReaderEncodingRejectionTests
{
    [Fact]
    public void EveryProperPrefixOfAValidDocumentIsRejectedAsIncomplete()
    {
        var documents = new RandomCborDocuments(11, negativeKeys: true);
        IEnumerable<byte[]> all = ValidDocuments.Select(Hex).Concat(Enumerable.Range(0, 300).Select(_ => CborNodeCodec.Encode(documents.Next(4))));
        foreach (byte[] document in all)
        {
            CborWalker.WalkDocument(new CborReader(document));
            for (int length = 0; length < document.Length; length++)
            {
                byte[] prefix = document[..length];
                ProtocolError error = ReadError(prefix);

                // A cut inside a string or a container shows as a length the rest of the input cannot hold.
                Assert.True(
                    error is ProtocolError.CborTruncated or ProtocolError.CborLengthExceedsInput,
                    $"{Convert.ToHexStringLower(prefix)}: {error}");
            }
        }
    }

    [Theory]
    [InlineData("", ProtocolError.CborTruncated)]
    [InlineData("18", ProtocolError.CborTruncated)]
    [InlineData("1901", ProtocolError.CborTruncated)]
    [InlineData("1a000100", ProtocolError.CborTruncated)]
    [InlineData("1b00000001000000", ProtocolError.CborTruncated)]
    [InlineData("3b00000001000000", ProtocolError.CborTruncated)]
    [InlineData("f93c", ProtocolError.CborTruncated)]
    [InlineData("fa47c350", ProtocolError.CborTruncated)]
    [InlineData("c1", ProtocolError.CborTruncated)]
    [InlineData("d9d9f7", ProtocolError.CborTruncated)]
    [InlineData("59", ProtocolError.CborTruncated)]
    [InlineData("44010203", ProtocolError.CborLengthExceedsInput)]
    [InlineData("644945", ProtocolError.CborLengthExceedsInput)]
    [InlineData("830102", ProtocolError.CborLengthExceedsInput)]
    [InlineData("a20102", ProtocolError.CborLengthExceedsInput)]
    public void TruncatedInput(string hex, ProtocolError expected)
    {
        Assert.Equal(expected, ReadError(hex));
    }

    [Fact]
    public void ReadsNothingOutsideItsRange()
    {
        byte[] data = Hex("ff18184301020300ff");
        Assert.Equal(ProtocolError.CborTruncated, ErrorOf(() => new CborReader(data, 1, 1).ReadUInt64()));
        Assert.Equal(24UL, new CborReader(data, 1, 2).ReadUInt64());
        Assert.Equal(ProtocolError.CborLengthExceedsInput, ErrorOf(() => new CborReader(data, 3, 3).ReadByteString(out _)));

        var reader = new CborReader(data, 3, 4);
        Assert.Equal(3, reader.ReadByteString(out int offset));
        Assert.Equal(4, offset);
        Assert.Equal(7, reader.Position);
        reader.Finish();
        Assert.Equal(ProtocolError.CborTrailingBytes, ErrorOf(() => CborWalker.WalkDocument(new CborReader(data, 3, 5))));

        Assert.Equal(ProtocolError.CborTruncated, ErrorOf(() => reader.Reset(data, 5, 5)));
        Assert.Equal(ProtocolError.CborTruncated, ErrorOf(() => reader.Reset(data, -1, 1)));
        Assert.Equal(ProtocolError.CborTruncated, ErrorOf(() => reader.Reset(null!, 0, 0)));
    }

    [Theory]
    [InlineData("0000")]
    [InlineData("8101ff")]
    [InlineData("a000")]
    [InlineData("40f6")]
    [InlineData("c10100")]
    public void TrailingBytes(string hex)
    {
        Assert.Equal(ProtocolError.CborTrailingBytes, ReadError(hex));
    }

    [Fact]
    public void ReadingPastTheTopLevelItemIsTrailingBytes()
    {
        var reader = new CborReader(Hex("0000"));
        reader.ReadUInt64();
        Assert.Equal(CborType.End, reader.PeekType());
        Assert.Equal(ProtocolError.CborTrailingBytes, ErrorOf(() => reader.ReadUInt64()));
        Assert.Equal(ProtocolError.CborTrailingBytes, ErrorOf(reader.Finish));
    }

    [Theory]
    [InlineData("5f4101ff")]
    [InlineData("7f6161ff")]
    [InlineData("9f01ff")]
    [InlineData("bf0102ff")]
    [InlineData("5f")]
    [InlineData("7f")]
    [InlineData("9f")]
    [InlineData("bf")]
    [InlineData("819fff")]
    public void IndefiniteLengths(string hex)
    {
        Assert.Equal(ProtocolError.CborIndefiniteLength, ReadError(hex));
    }

    [Theory]
    [InlineData("ff")]
    [InlineData("81ff")]
    [InlineData("a101ff")]
    [InlineData("1f")] // ai 31 on an integer, negative integer or tag is malformed
    [InlineData("3f")]
    [InlineData("df")]
    public void BreakOutsideAnIndefiniteItem(string hex)
    {
        Assert.Equal(ProtocolError.CborReservedValue, ReadError(hex));
    }

    [Theory]
    [InlineData("1c")]
    [InlineData("1d")]
    [InlineData("1e")]
    [InlineData("3c")]
    [InlineData("5d")]
    [InlineData("7e")]
    [InlineData("9c")]
    [InlineData("bd")]
    [InlineData("de")]
    [InlineData("fc")]
    [InlineData("fd")]
    [InlineData("fe")]
    public void ReservedAdditionalInformation(string hex)
    {
        Assert.Equal(ProtocolError.CborReservedValue, ReadError(hex));
    }

    [Theory]
    [InlineData("1805")]
    [InlineData("1817")]
    [InlineData("190010")]
    [InlineData("1900ff")]
    [InlineData("1a0000ffff")]
    [InlineData("1b00000000ffffffff")]
    [InlineData("3817")]
    [InlineData("39001f")]
    [InlineData("580100")]
    [InlineData("78016161")]
    [InlineData("980101")]
    [InlineData("b8010102")]
    [InlineData("d80101")]
    [InlineData("d9001801")]
    [InlineData("8119000a")]
    public void NonShortestArguments(string hex)
    {
        Assert.Equal(ProtocolError.CborNonCanonical, ReadError(hex));
    }

    [Theory]
    [InlineData("fa00000000")] // 0.0
    [InlineData("fa80000000")] // -0.0
    [InlineData("fa3fc00000")] // 1.5
    [InlineData("fa477fe000")] // 65504.0
    [InlineData("fa33800000")] // 2^-24, the smallest half subnormal
    [InlineData("fa387fc000")] // a half subnormal
    [InlineData("fa7f800000")] // Infinity
    [InlineData("fa7fc00001")] // a NaN with payload
    [InlineData("f97e01")] // a half NaN other than 0x7e00
    [InlineData("f9fe00")] // a negative NaN
    [InlineData("f97c01")] // a signalling NaN
    public void FloatsNotInTheirShortestForm(string hex)
    {
        Assert.Equal(ProtocolError.CborNonCanonical, ReadError(hex));
    }

    [Theory]
    [InlineData("fa477fe001")] // 65504.0078125: needs single precision
    [InlineData("fa33000000")] // 2^-25: below the smallest half subnormal
    [InlineData("fa387fe000")] // a half subnormal's neighbour with too many bits
    [InlineData("fa00000001")] // the smallest single subnormal
    public void SinglesThatDoNotFitHalfAreAccepted(string hex)
    {
        CborWalker.WalkDocument(new CborReader(Hex(hex)));
        Assert.Equal(hex, Convert.ToHexStringLower(CborNodeCodec.Encode(CborNodeCodec.Decode(Hex(hex)))));
    }

    [Theory]
    [InlineData("fb0000000000000000")]
    [InlineData("fb3ff8000000000000")]
    [InlineData("81fb3ff8000000000000")]
    public void Doubles(string hex)
    {
        Assert.Equal(ProtocolError.CborUnsupported, ReadError(hex));
    }

    [Theory]
    [InlineData("f800")]
    [InlineData("f814")]
    [InlineData("f817")]
    [InlineData("f818")]
    [InlineData("f81f")]
    public void SimpleValuesBelow32InTwoBytes(string hex)
    {
        Assert.Equal(ProtocolError.CborReservedValue, ReadError(hex));
    }

    [Fact]
    public void SimpleValue32IsTheFirstInTwoBytes()
    {
        Assert.Equal(32, new CborReader(Hex("f820")).ReadSimpleValue());
    }
}
