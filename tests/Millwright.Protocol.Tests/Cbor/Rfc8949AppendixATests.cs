using Millwright.Protocol.Cbor;
using static Millwright.Protocol.Tests.Cbor.CborTestData;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>RFC 8949 Appendix A examples that lie inside our subset: the writer produces them, the reader reads them back.</summary>
public class Rfc8949AppendixATests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(10UL, "0a")]
    [InlineData(23UL, "17")]
    [InlineData(24UL, "1818")]
    [InlineData(25UL, "1819")]
    [InlineData(100UL, "1864")]
    [InlineData(255UL, "18ff")]
    [InlineData(256UL, "190100")]
    [InlineData(1000UL, "1903e8")]
    [InlineData(65535UL, "19ffff")]
    [InlineData(65536UL, "1a00010000")]
    [InlineData(1000000UL, "1a000f4240")]
    [InlineData(4294967295UL, "1affffffff")]
    [InlineData(4294967296UL, "1b0000000100000000")]
    [InlineData(1000000000000UL, "1b000000e8d4a51000")]
    [InlineData(18446744073709551615UL, "1bffffffffffffffff")]
    public void UnsignedIntegers(ulong value, string hex)
    {
        Assert.Equal(hex, Written(w => w.WriteUInt64(value)));
        var reader = new CborReader(Hex(hex));
        Assert.Equal(CborType.UnsignedInteger, reader.PeekType());
        Assert.Equal(value, reader.ReadUInt64());
        reader.Finish();
        if (value <= long.MaxValue)
        {
            Assert.Equal((long)value, new CborReader(Hex(hex)).ReadInt64());
            Assert.Equal(hex, Written(w => w.WriteInt64((long)value)));
        }
        else
        {
            Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => new CborReader(Hex(hex)).ReadInt64()));
        }
    }

    [Theory]
    [InlineData(-1L, "20")]
    [InlineData(-10L, "29")]
    [InlineData(-24L, "37")]
    [InlineData(-25L, "3818")]
    [InlineData(-100L, "3863")]
    [InlineData(-1000L, "3903e7")]
    [InlineData(long.MinValue, "3b7fffffffffffffff")]
    public void NegativeIntegers(long value, string hex)
    {
        Assert.Equal(hex, Written(w => w.WriteInt64(value)));
        var reader = new CborReader(Hex(hex));
        Assert.Equal(CborType.NegativeInteger, reader.PeekType());
        Assert.Equal(value, reader.ReadInt64());
        reader.Finish();
    }

    [Fact]
    public void MinusTwoToThe64IsReadableOnlyBySkipping()
    {
        // -18446744073709551616 is well formed but outside long: ReadInt64 refuses it, SkipValue passes it.
        Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => new CborReader(Hex("3bffffffffffffffff")).ReadInt64()));
        var reader = new CborReader(Hex("3bffffffffffffffff"));
        Assert.Equal(CborType.NegativeInteger, reader.PeekType());
        reader.SkipValue();
        reader.Finish();
    }

    [Theory]
    [InlineData(0.0f, "f90000")]
    [InlineData(-0.0f, "f98000")]
    [InlineData(1.0f, "f93c00")]
    [InlineData(1.5f, "f93e00")]
    [InlineData(65504.0f, "f97bff")]
    [InlineData(5.960464477539063e-8f, "f90001")]
    [InlineData(0.00006103515625f, "f90400")]
    [InlineData(-4.0f, "f9c400")]
    [InlineData(float.PositiveInfinity, "f97c00")]
    [InlineData(float.NegativeInfinity, "f9fc00")]
    [InlineData(float.NaN, "f97e00")]
    [InlineData(100000.0f, "fa47c35000")]
    [InlineData(3.4028234663852886e+38f, "fa7f7fffff")]
    public void Floats(float value, string hex)
    {
        Assert.Equal(hex, Written(w => w.WriteSingle(value)));
        var reader = new CborReader(Hex(hex));
        Assert.Equal(CborType.Float, reader.PeekType());
        float read = reader.ReadSingle();
        reader.Finish();
        if (float.IsNaN(value))
        {
            Assert.True(float.IsNaN(read));
        }
        else
        {
            Assert.Equal(BitConverter.SingleToUInt32Bits(value), BitConverter.SingleToUInt32Bits(read));
        }
    }

    [Theory]
    [InlineData("fb3ff199999999999a")] // 1.1
    [InlineData("fb7e37e43c8800759c")] // 1.0e+300
    [InlineData("fbc010666666666666")] // -4.1
    [InlineData("fb7ff0000000000000")] // Infinity as a double
    [InlineData("fb7ff8000000000000")] // NaN as a double
    public void DoublesAreOutsideTheSubset(string hex)
    {
        Assert.Equal(ProtocolError.CborUnsupported, ReadError(hex));
    }

    [Theory]
    [InlineData("fa7f800000")] // Infinity as a single
    [InlineData("fa7fc00000")] // NaN as a single
    [InlineData("faff800000")] // -Infinity as a single
    public void NonPreferredFloatFormsAreNotCanonical(string hex)
    {
        Assert.Equal(ProtocolError.CborNonCanonical, ReadError(hex));
    }

    [Theory]
    [InlineData("", "60")]
    [InlineData("a", "6161")]
    [InlineData("IETF", "6449455446")]
    [InlineData("\"\\", "62225c")]
    [InlineData("\u00fc", "62c3bc")]
    [InlineData("\u6c34", "63e6b0b4")]
    [InlineData("\ud800\udd51", "64f0908591")]
    public void TextStrings(string text, string hex)
    {
        Assert.Equal(hex, Written(w => w.WriteTextString(text)));
        var reader = new CborReader(Hex(hex));
        Assert.Equal(CborType.TextString, reader.PeekType());
        Assert.Equal(text, reader.ReadTextString());
        reader.Finish();
    }

    [Theory]
    [InlineData("", "40")]
    [InlineData("01020304", "4401020304")]
    public void ByteStrings(string content, string hex)
    {
        byte[] bytes = Hex(content);
        Assert.Equal(hex, Written(w => w.WriteByteString(bytes)));
        byte[] data = Hex(hex);
        var reader = new CborReader(data);
        int length = reader.ReadByteString(out int offset);
        reader.Finish();
        Assert.Equal(bytes, data.AsSpan(offset, length).ToArray());
        Assert.Equal(bytes, new CborReader(data).ReadByteStringCopy());
    }

    [Fact]
    public void SimpleValues()
    {
        Assert.Equal("f4", Written(w => w.WriteBoolean(false)));
        Assert.Equal("f5", Written(w => w.WriteBoolean(true)));
        Assert.Equal("f6", Written(w => w.WriteNull()));
        Assert.Equal("f7", Written(w => w.WriteSimpleValue(23)));
        Assert.Equal("f0", Written(w => w.WriteSimpleValue(16)));
        Assert.Equal("f8ff", Written(w => w.WriteSimpleValue(255)));

        Assert.False(new CborReader(Hex("f4")).ReadBoolean());
        Assert.True(new CborReader(Hex("f5")).ReadBoolean());
        new CborReader(Hex("f6")).ReadNull();
        Assert.Equal(CborType.Undefined, new CborReader(Hex("f7")).PeekType());
        Assert.Equal(23, new CborReader(Hex("f7")).ReadSimpleValue());
        Assert.Equal(CborType.SimpleValue, new CborReader(Hex("f0")).PeekType());
        Assert.Equal(16, new CborReader(Hex("f0")).ReadSimpleValue());
        Assert.Equal(255, new CborReader(Hex("f8ff")).ReadSimpleValue());
    }

    [Theory]
    [InlineData("c074323031332d30332d32315432303a30343a30305a")] // 0("2013-03-21T20:04:00Z")
    [InlineData("c11a514b67b0")] // 1(1363896240)
    [InlineData("d74401020304")] // 23(h'01020304')
    [InlineData("d818456449455446")] // 24(h'6449455446')
    [InlineData("d82076687474703a2f2f7777772e6578616d706c652e636f6d")] // 32("http://www.example.com")
    [InlineData("c249010000000000000000")] // 18446744073709551616
    [InlineData("c349010000000000000000")] // -18446744073709551617
    [InlineData("80")] // []
    [InlineData("83010203")] // [1, 2, 3]
    [InlineData("8301820203820405")] // [1, [2, 3], [4, 5]]
    [InlineData("98190102030405060708090a0b0c0d0e0f101112131415161718181819")] // [1, ..., 25]
    [InlineData("a0")] // {}
    [InlineData("a201020304")] // {1: 2, 3: 4}
    public void StructuredItemsRoundTrip(string hex)
    {
        CborNode node = CborNodeCodec.Decode(Hex(hex));
        Assert.Equal(hex, Convert.ToHexStringLower(CborNodeCodec.Encode(node)));
    }

    [Fact]
    public void StructuredItemsAreReadAsExpected()
    {
        Assert.Equal("1(1363896240)", CborNodeCodec.Decode(Hex("c11a514b67b0")).ToString());
        Assert.Equal("[1, [2, 3], [4, 5]]", CborNodeCodec.Decode(Hex("8301820203820405")).ToString());
        Assert.Equal("{1: 2, 3: 4}", CborNodeCodec.Decode(Hex("a201020304")).ToString());
        Assert.Equal("23(h'01020304')", CborNodeCodec.Decode(Hex("d74401020304")).ToString());
        Assert.Equal(
            "98190102030405060708090a0b0c0d0e0f101112131415161718181819",
            Written(w =>
            {
                w.WriteArrayHeader(25);
                for (int i = 1; i <= 25; i++)
                {
                    w.WriteInt32(i);
                }
            }));
    }

    [Theory]
    [InlineData("a26161016162820203")] // {"a": 1, "b": [2, 3]}
    [InlineData("826161a161626163")] // ["a", {"b": "c"}]
    public void TextKeysAreOutsideTheSubset(string hex)
    {
        Assert.Equal(ProtocolError.CborUnexpectedType, ReadError(hex));
    }

    [Theory]
    [InlineData("5f42010243030405ff")]
    [InlineData("7f657374726561646d696e67ff")]
    [InlineData("9fff")]
    [InlineData("9f018202039f0405ffff")]
    [InlineData("bf61610161629f0203ffff")]
    public void IndefiniteLengthExamplesAreRejected(string hex)
    {
        Assert.Equal(ProtocolError.CborIndefiniteLength, ReadError(hex));
    }
}
