using Millwright.Protocol.Cbor;
using static Millwright.Protocol.Tests.Cbor.CborTestData;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>The writer refuses to produce anything but one complete deterministic item.</summary>
public class CborWriterMisuseTests
{
    private static ProtocolError WriteError(Action<CborWriter> write, int capacity = 1024) => ErrorOf(() => write(new CborWriter(new byte[capacity])));

    [Fact]
    public void TooManyItems()
    {
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => { w.WriteUInt64(1); w.WriteUInt64(2); }));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => { w.WriteArrayHeader(1); w.WriteUInt64(1); w.WriteNull(); }));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => { w.WriteArrayHeader(0); w.WriteArrayHeader(0); }));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => { w.WriteMapHeader(1); w.WriteInt32(1); w.WriteInt32(2); w.WriteInt32(3); }));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => { w.WriteUInt64(1); w.WriteTag(1); }));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => { w.WriteNull(); w.WriteEncodedValue([0x01], 0, 1); }));
    }

    [Fact]
    public void TooFewItemsLeaveTheWriterIncomplete()
    {
        var writer = new CborWriter(new byte[16]);
        Assert.False(writer.IsComplete);
        writer.WriteArrayHeader(2);
        writer.WriteUInt64(1);
        Assert.False(writer.IsComplete);
        writer.WriteTag(1);
        Assert.False(writer.IsComplete);
        writer.WriteUInt64(2);
        Assert.True(writer.IsComplete);
        Assert.Equal("8201c102", Convert.ToHexStringLower(writer.Buffer, 0, writer.Length));
    }

    [Theory]
    [InlineData(new long[] { 2, 1 })]
    [InlineData(new long[] { 24, 23 })]
    [InlineData(new long[] { 256, 255 })]
    [InlineData(new long[] { -1, 0 })]
    [InlineData(new long[] { -1, 1000000 })]
    [InlineData(new long[] { -2, -1 })]
    [InlineData(new long[] { 0, -1, 1 })]
    public void UnsortedKeys(long[] keys)
    {
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w =>
        {
            w.WriteMapHeader(keys.Length);
            foreach (long key in keys)
            {
                w.WriteInt64(key);
                w.WriteNull();
            }
        }));
    }

    [Fact]
    public void DuplicateKeys()
    {
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => { w.WriteMapHeader(2); w.WriteInt32(7); w.WriteNull(); w.WriteUInt64(7); w.WriteNull(); }));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => { w.WriteMapHeader(2); w.WriteInt32(-7); w.WriteNull(); w.WriteInt64(-7); w.WriteNull(); }));
    }

    [Fact]
    public void KeysInOrderAreWrittenAndReadBack()
    {
        string hex = Written(w =>
        {
            w.WriteMapHeader(5);
            foreach (long key in new long[] { 0, 23, 24, long.MaxValue, -1 })
            {
                w.WriteInt64(key);
                w.WriteMapHeader(0);
            }
        });
        Assert.Equal("a500a017a01818a01b7fffffffffffffffa020a0", hex);
        CborWalker.WalkDocument(new CborReader(Hex(hex)));
    }

    [Fact]
    public void NonIntegerKeys()
    {
        Action<CborWriter>[] keys =
        [
            w => w.WriteTextString("a"),
            w => w.WriteByteString([1]),
            w => w.WriteSingle(1f),
            w => w.WriteBoolean(true),
            w => w.WriteNull(),
            w => w.WriteArrayHeader(0),
            w => w.WriteMapHeader(0),
            w => w.WriteTag(1),
            w => w.WriteEncodedValue([0x01], 0, 1),
        ];
        foreach (Action<CborWriter> key in keys)
        {
            Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => { w.WriteMapHeader(1); key(w); }));
        }
    }

    [Fact]
    public void UnpairedSurrogates()
    {
        // Not [InlineData]: xunit's serialisation of test data turns lone surrogates into U+FFFD.
        foreach (string text in new[] { "\ud800", "\udc00", "a\ud800", "\ud800a", "\udc00\ud800", "\ud800\ud800\udc00", "\udbff" })
        {
            Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteTextString(text)));
        }
    }

    [Fact]
    public void BufferTooSmall()
    {
        Assert.Equal(ProtocolError.CborBufferTooSmall, WriteError(w => w.WriteUInt64(256), 2));
        Assert.Equal(ProtocolError.CborBufferTooSmall, WriteError(w => w.WriteUInt64(1), 0));
        Assert.Equal(ProtocolError.CborBufferTooSmall, WriteError(w => w.WriteByteString(new byte[24]), 25));
        Assert.Equal(ProtocolError.CborBufferTooSmall, WriteError(w => w.WriteTextString("\u6c34\u6c34"), 6));
        Assert.Equal(ProtocolError.CborBufferTooSmall, WriteError(w => w.WriteSingle(100000f), 4));
        Assert.Equal(ProtocolError.CborBufferTooSmall, WriteError(w => w.WriteSingle(1f), 2));
        Assert.Equal(ProtocolError.CborBufferTooSmall, WriteError(w => w.WriteSimpleValue(255), 1));
        Assert.Equal(ProtocolError.CborBufferTooSmall, WriteError(w => w.WriteEncodedValue([1, 2, 3], 0, 3), 2));
        Assert.Equal(ProtocolError.CborBufferTooSmall, ErrorOf(() => new CborWriter(new byte[8], 7).WriteUInt64(24)));

        // Exactly enough room is enough.
        var writer = new CborWriter(new byte[26]);
        writer.WriteByteString(new byte[24]);
        Assert.Equal(26, writer.Length);
        writer = new CborWriter(new byte[7]);
        writer.WriteTextString("\u6c34\u6c34");
        Assert.True(writer.IsComplete);
    }

    [Fact]
    public void InvalidArguments()
    {
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteTextString(null!)));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteArrayHeader(-1)));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteMapHeader(-1)));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteMapHeader(0x40000000)));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteByteString(new byte[4], 2, 3)));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteByteString(new byte[4], -1, 1)));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteByteString(null!, 0, 1)));
        Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteEncodedValue([1], 0, 0)));
        Assert.Equal(ProtocolError.CborWriterMisuse, ErrorOf(() => _ = new CborWriter(null!)));
        Assert.Equal(ProtocolError.CborWriterMisuse, ErrorOf(() => _ = new CborWriter(new byte[4], 5)));
        for (int value = 24; value < 32; value++)
        {
            Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(w => w.WriteSimpleValue((byte)value)));
        }
    }

    [Fact]
    public void NestingDeeperThanMaxDepth()
    {
        foreach (bool emptyInnermost in new[] { false, true })
        {
            Action<CborWriter> nest(int depth) => w =>
            {
                for (int i = 1; i < depth; i++)
                {
                    w.WriteArrayHeader(1);
                }

                w.WriteArrayHeader(emptyInnermost ? 0 : 1);
                if (!emptyInnermost)
                {
                    w.WriteUInt64(1);
                }
            };

            Assert.StartsWith(string.Concat(Enumerable.Repeat("81", 15)), Written(nest(16)));
            Assert.Equal(ProtocolError.CborWriterMisuse, WriteError(nest(17)));
        }
    }

    [Fact]
    public void WritesAtAnOffsetAndResets()
    {
        var buffer = new byte[10];
        var writer = new CborWriter(buffer, 3);
        writer.WriteUInt64(500);
        Assert.Equal("0000001901f4", Convert.ToHexStringLower(buffer, 0, 6));
        Assert.Equal(3, writer.Offset);
        Assert.Equal(3, writer.Length);
        writer.Reset();
        Assert.Equal(0, writer.Length);
        Assert.False(writer.IsComplete);
        writer.WriteNull();
        Assert.Equal(0xf6, buffer[3]);
    }
}
