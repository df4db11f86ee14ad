using Millwright.Protocol.Cbor;
using static Millwright.Protocol.Tests.Cbor.CborTestData;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>NANO.md rule 5: the steady-state encode and decode paths allocate nothing.</summary>
public class CborAllocationTests
{
    private const int Iterations = 2000;

    private static readonly byte[] Payload = Hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static readonly string Text = "Millwright \u6c34 \ud800\udd51 \u00fc";

    [Fact]
    public void ReadingWithoutMaterialisingStringsAllocatesNothing()
    {
        byte[] data = new byte[4096];
        var writer = new CborWriter(data);
        WriteMessage(writer);
        int length = writer.Length;
        var reader = new CborReader(data, 0, length);
        ReadRepeatedly(reader, data, length); // warm up: tiered compilation allocates once

        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadRepeatedly(reader, data, length);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WritingAllocatesNothing()
    {
        var writer = new CborWriter(new byte[4096], 16);
        WriteMessage(writer);
        string expected = Convert.ToHexStringLower(writer.Buffer, writer.Offset, writer.Length);
        WriteRepeatedly(writer); // warm up: tiered compilation allocates once

        long before = GC.GetAllocatedBytesForCurrentThread();
        WriteRepeatedly(writer);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(expected, Convert.ToHexStringLower(writer.Buffer, writer.Offset, writer.Length));
        CborWalker.WalkDocument(new CborReader(writer.Buffer, writer.Offset, writer.Length));
    }

    [Fact]
    public void ReadingAHugeClaimedLengthAllocatesNothingBeforeRefusing()
    {
        byte[] data = Hex("5bffffffffffffffff00");
        var reader = new CborReader(data);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ProtocolException error = Assert.Throws<ProtocolException>(() => reader.ReadByteStringCopy());
        Assert.Equal(ProtocolError.CborLengthExceedsInput, error.Error);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4096);
    }

    private static void ReadRepeatedly(CborReader reader, byte[] data, int length)
    {
        for (int i = 0; i < Iterations; i++)
        {
            reader.Reset(data, 0, length);
            CborWalker.WalkDocument(reader);
            reader.Reset(data, 0, length);
            reader.SkipValue();
            reader.Finish();
        }
    }

    private static void WriteRepeatedly(CborWriter writer)
    {
        for (int i = 0; i < Iterations; i++)
        {
            writer.Reset();
            WriteMessage(writer);
        }
    }

    // Something like a signed sample batch: every item kind the protocol uses.
    private static void WriteMessage(CborWriter writer)
    {
        writer.WriteTag(18);
        writer.WriteArrayHeader(4);
        writer.WriteByteString(Payload, 0, 4);
        writer.WriteMapHeader(0);
        writer.WriteByteString(Payload);
        writer.WriteMapHeader(9);
        writer.WriteInt32(1);
        writer.WriteTextString(Text);
        writer.WriteInt32(2);
        writer.WriteUInt64(ulong.MaxValue);
        writer.WriteInt32(3);
        writer.WriteInt64(long.MinValue);
        writer.WriteInt32(4);
        writer.WriteSingle(21.5f);
        writer.WriteInt32(5);
        writer.WriteSingle(101325.3f);
        writer.WriteInt32(24);
        writer.WriteBoolean(true);
        writer.WriteInt32(-1);
        writer.WriteNull();
        writer.WriteInt32(-2);
        writer.WriteArrayHeader(3);
        writer.WriteSimpleValue(99);
        writer.WriteTag(1);
        writer.WriteUInt64(1363896240);
        writer.WriteArrayHeader(0);
        writer.WriteInt32(-300);
        writer.WriteSingle(float.NaN);
    }
}
