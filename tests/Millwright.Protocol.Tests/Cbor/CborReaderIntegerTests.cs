using Millwright.Protocol.Cbor;
using static Millwright.Protocol.Tests.Cbor.CborTestData;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>Integer reads succeed exactly when the value fits the requested type, and fail with CborIntegerOverflow otherwise.</summary>
public class CborReaderIntegerTests
{
    [Theory]
    [InlineData("1b8000000000000000")] // 2^63
    [InlineData("1bffffffffffffffff")] // 2^64 - 1
    [InlineData("3b8000000000000000")] // -2^63 - 1
    [InlineData("3bffffffffffffffff")] // -2^64
    public void ReadInt64Overflow(string hex)
    {
        Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => new CborReader(Hex(hex)).ReadInt64()));
    }

    [Theory]
    [InlineData("1a80000000")] // 2^31
    [InlineData("1affffffff")]
    [InlineData("1b0000000100000000")]
    [InlineData("3a80000000")] // -2^31 - 1
    [InlineData("3b7fffffffffffffff")] // long.MinValue
    [InlineData("3bffffffffffffffff")]
    public void ReadInt32Overflow(string hex)
    {
        Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => new CborReader(Hex(hex)).ReadInt32()));
    }

    [Theory]
    [InlineData("1b0000000100000000")] // 2^32
    [InlineData("1bffffffffffffffff")]
    [InlineData("20")] // -1
    [InlineData("3a7fffffff")]
    public void ReadUInt32Overflow(string hex)
    {
        Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => new CborReader(Hex(hex)).ReadUInt32()));
    }

    [Theory]
    [InlineData("20")]
    [InlineData("3bffffffffffffffff")]
    public void ReadUInt64OfANegativeInteger(string hex)
    {
        Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => new CborReader(Hex(hex)).ReadUInt64()));
    }

    [Theory]
    [InlineData("1a7fffffff", int.MaxValue)]
    [InlineData("3a7fffffff", int.MinValue)]
    [InlineData("00", 0)]
    [InlineData("20", -1)]
    [InlineData("37", -24)]
    [InlineData("3818", -25)]
    public void ReadInt32AtTheEdges(string hex, int expected)
    {
        var reader = new CborReader(Hex(hex));
        Assert.Equal(expected, reader.ReadInt32());
        reader.Finish();
    }

    [Theory]
    [InlineData("1affffffff", uint.MaxValue)]
    [InlineData("00", 0U)]
    [InlineData("1a00010000", 65536U)]
    public void ReadUInt32AtTheEdges(string hex, uint expected)
    {
        var reader = new CborReader(Hex(hex));
        Assert.Equal(expected, reader.ReadUInt32());
        reader.Finish();
    }

    [Theory]
    [InlineData("1b7fffffffffffffff", long.MaxValue)]
    [InlineData("3b7fffffffffffffff", long.MinValue)]
    public void ReadInt64AtTheEdges(string hex, long expected)
    {
        var reader = new CborReader(Hex(hex));
        Assert.Equal(expected, reader.ReadInt64());
        reader.Finish();
    }

    [Fact]
    public void AFailedReadLeavesTheItemInPlace()
    {
        // A caller may try a narrower type first and fall back to a wider one.
        var reader = new CborReader(Hex("821b00000001000000003a80000000"));
        Assert.Equal(2, reader.ReadArrayHeader());
        Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => reader.ReadUInt32()));
        Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => reader.ReadInt32()));
        Assert.Equal(1UL << 32, reader.ReadUInt64());
        Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => reader.ReadInt32()));
        Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => reader.ReadUInt64()));
        Assert.Equal(-2147483649L, reader.ReadInt64());
        reader.Finish();
    }

    [Fact]
    public void RandomIntegersRoundTripThroughEveryWidth()
    {
        var documents = new RandomCborDocuments(64);
        for (int i = 0; i < 20_000; i++)
        {
            ulong argument = documents.Argument();
            bool negative = documents.Random.Next(2) == 0;
            byte[] data = CborNodeCodec.Encode(negative ? CborNode.NInt(argument >> 1) : CborNode.UInt(argument));
            decimal value = negative ? -1m - (argument >> 1) : argument;
            AssertRead(value, () => new CborReader(data).ReadUInt64(), ulong.MinValue, ulong.MaxValue);
            AssertRead(value, () => new CborReader(data).ReadInt64(), long.MinValue, long.MaxValue);
            AssertRead(value, () => new CborReader(data).ReadUInt32(), uint.MinValue, uint.MaxValue);
            AssertRead(value, () => new CborReader(data).ReadInt32(), int.MinValue, int.MaxValue);
        }
    }

    private static void AssertRead<T>(decimal value, Func<T> read, decimal min, decimal max)
        where T : IConvertible
    {
        if (value >= min && value <= max)
        {
            Assert.Equal(value, read().ToDecimal(null));
        }
        else
        {
            Assert.Equal(ProtocolError.CborIntegerOverflow, ErrorOf(() => read()));
        }
    }
}
