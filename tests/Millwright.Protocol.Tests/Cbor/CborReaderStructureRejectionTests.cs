using Millwright.Protocol.Cbor;
using static Millwright.Protocol.Tests.Cbor.CborTestData;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>Well-formed CBOR that our subset refuses: map keys, nesting, lengths, UTF-8, types.</summary>
public class CborReaderStructureRejectionTests
{
    [Theory]
    [InlineData("a201000100")]
    [InlineData("a220002000")]
    [InlineData("a3000001000100")]
    [InlineData("a21818001818f6")]
    [InlineData("81a21bffffffffffffffff001bffffffffffffffff00")]
    public void DuplicateMapKeys(string hex)
    {
        Assert.Equal(ProtocolError.CborDuplicateKey, ReadError(hex));
    }

    [Theory]
    [InlineData("a202000100")] // 2 before 1
    [InlineData("a218180017f6")] // 24 before 23
    [InlineData("a219010000181800")] // 256 before 24
    [InlineData("a220000000")] // -1 before 0
    [InlineData("a2381800190100f6")] // -25 before 256
    [InlineData("a221002000")] // -2 before -1
    [InlineData("a1008200a2020001f6")] // in a nested map
    public void UnsortedMapKeys(string hex)
    {
        Assert.Equal(ProtocolError.CborUnsortedKeys, ReadError(hex));
    }

    [Theory]
    [InlineData("a3000118180220f6")] // 0, 24, -1
    [InlineData("a300f61bfffffffffffffffff620f6")] // 0, 2^64 - 1, -1
    [InlineData("a220f63bfffffffffffffffef6")] // -1, -2^64 + 1
    public void SortedKeysAreAccepted(string hex)
    {
        var reader = new CborReader(Hex(hex));
        reader.SkipValue();
        reader.Finish();
    }

    [Theory]
    [InlineData("a14000")] // byte string key
    [InlineData("a1616100")] // text key
    [InlineData("a1f400")] // false
    [InlineData("a1f600")] // null
    [InlineData("a18000")] // array
    [InlineData("a1a000")] // map
    [InlineData("a1f93c0000")] // float
    [InlineData("a1c10100")] // tagged integer
    [InlineData("a20000c10100")] // tagged integer as the second key
    public void NonIntegerMapKeys(string hex)
    {
        Assert.Equal(ProtocolError.CborUnexpectedType, ReadError(hex));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex(hex)).SkipValue()));
    }

    [Theory]
    [InlineData("81", 16, "01")]
    [InlineData("81", 15, "80")] // an empty array nests as deep as a full one
    [InlineData("81", 15, "a0")]
    [InlineData("a101", 16, "01")]
    [InlineData("a101", 15, "80")]
    [InlineData("8200", 15, "a0")]
    public void SixteenNestedContainersAreFineAndSeventeenAreTooDeep(string opener, int openers, string innermost)
    {
        Assert.Equal(16, CborLimits.MaxDepth);
        string deepest = string.Concat(Enumerable.Repeat(opener, openers)) + innermost;
        CborWalker.WalkDocument(new CborReader(Hex(deepest)));
        var skipper = new CborReader(Hex(deepest));
        skipper.SkipValue();
        skipper.Finish();

        string tooDeep = opener + deepest;
        Assert.Equal(ProtocolError.CborNestingTooDeep, ReadError(tooDeep));
        Assert.Equal(ProtocolError.CborNestingTooDeep, ErrorOf(() => new CborReader(Hex(tooDeep)).SkipValue()));
    }

    [Fact]
    public void VeryDeepNestingIsRefusedEarly()
    {
        Assert.Equal(ProtocolError.CborNestingTooDeep, ReadError(string.Concat(Enumerable.Repeat("81", 1000)) + "01"));
    }

    [Fact]
    public void TagsDoNotCountAsNesting()
    {
        CborWalker.WalkDocument(new CborReader(Hex(string.Concat(Enumerable.Repeat("c1", 1000)) + "01")));
    }

    [Theory]
    [InlineData("5affffffff00")]
    [InlineData("5bffffffffffffffff00")]
    [InlineData("5b000000010000000000")]
    [InlineData("7affffffff61")]
    [InlineData("7bffffffffffffffff")]
    [InlineData("9affffffff01")]
    [InlineData("9bffffffffffffffff01")]
    [InlineData("baffffffff0101")]
    [InlineData("bbffffffffffffffff")]
    [InlineData("bb40000000000000000101")] // 2^62 pairs: 2^63 items, would overflow a doubled count
    [InlineData("430102")]
    [InlineData("6261")]
    [InlineData("8301")]
    [InlineData("a2010203")] // 2 pairs need at least 4 bytes
    [InlineData("818301")]
    public void LengthsLargerThanTheInput(string hex)
    {
        Assert.Equal(ProtocolError.CborLengthExceedsInput, ReadError(hex));
    }

    [Theory]
    [InlineData("62c080")] // overlong NUL
    [InlineData("62c1bf")] // overlong U+007F
    [InlineData("63e08080")] // overlong in three bytes
    [InlineData("63e09fbf")] // overlong U+07FF
    [InlineData("64f0808080")] // overlong in four bytes
    [InlineData("64f08fbfbf")] // overlong U+FFFF
    [InlineData("63eda080")] // U+D800
    [InlineData("63edbfbf")] // U+DFFF
    [InlineData("66eda080edb080")] // a surrogate pair spelled as two code points (CESU-8)
    [InlineData("64f4908080")] // U+110000
    [InlineData("64f7bfbfbf")] // above U+10FFFF
    [InlineData("62c328")] // bad continuation
    [InlineData("6180")] // lone continuation
    [InlineData("61ff")]
    [InlineData("61fe")]
    [InlineData("62e6b0")] // sequence cut by the string's end
    public void InvalidUtf8(string hex)
    {
        Assert.Equal(ProtocolError.CborInvalidUtf8, ReadError(hex));
        Assert.Equal(ProtocolError.CborInvalidUtf8, ErrorOf(() => new CborReader(Hex(hex)).ReadTextString()));
        Assert.Equal(ProtocolError.CborInvalidUtf8, ErrorOf(() => new CborReader(Hex(hex)).SkipValue()));
    }

    [Theory]
    [InlineData("40")]
    [InlineData("60")]
    [InlineData("80")]
    [InlineData("a0")]
    [InlineData("f4")]
    [InlineData("f93c00")]
    [InlineData("c101")]
    public void WrongTypeForTheRequestedRead(string hex)
    {
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex(hex)).ReadUInt64()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex(hex)).ReadInt64()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex(hex)).ReadInt32()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex(hex)).ReadUInt32()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex("01")).ReadByteString(out _)));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex("01")).ReadTextString()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex("01")).ReadArrayHeader()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex("01")).ReadMapHeader()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex("01")).ReadTag()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex("01")).ReadBoolean()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex("f4")).ReadNull()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex("f93c00")).ReadSimpleValue()));
        Assert.Equal(ProtocolError.CborUnexpectedType, ErrorOf(() => new CborReader(Hex("f6")).ReadSingle()));
    }
}
