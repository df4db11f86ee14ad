using Millwright.Protocol.Cbor;
using static Millwright.Protocol.Tests.Cbor.CborTestData;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>
/// Random and mutated input: the reader terminates and throws nothing but <see cref="ProtocolException"/>; whatever it
/// accepts is the one deterministic encoding of its value (decode, re-encode, same bytes); skipping and reading agree.
/// </summary>
public class CborFuzzTests
{
    private static readonly byte[] InterestingBytes =
    [
        0x00, 0x01, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1f, 0x20, 0x38, 0x3b, 0x40, 0x41, 0x58, 0x5f, 0x60, 0x61, 0x62, 0x78, 0x7f,
        0x80, 0x81, 0x82, 0x98, 0x9f, 0xa0, 0xa1, 0xa2, 0xb8, 0xbf, 0xc0, 0xc1, 0xd8, 0xf4, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xff,
        0x7e, 0x7c, 0x3c, 0xc3, 0xe6, 0xed, 0xf0, 0xf4, 0x80, 0xbf,
    ];

    [Fact]
    public void RandomBytes()
    {
        var random = new Random(4242);
        int accepted = 0;
        for (int i = 0; i < 40_000; i++)
        {
            var data = new byte[random.Next(0, 40)];
            for (int k = 0; k < data.Length; k++)
            {
                data[k] = random.Next(3) == 0 ? (byte)random.Next(256) : InterestingBytes[random.Next(InterestingBytes.Length)];
            }

            accepted += Check(data, random) ? 1 : 0;
        }

        Assert.InRange(accepted, 100, 39_000);
    }

    [Fact]
    public void MutatedValidDocuments()
    {
        var random = new Random(1729);
        var documents = new RandomCborDocuments(1730, negativeKeys: true);
        IEnumerable<byte[]> seeds = ValidDocuments.Select(Hex).Concat(Enumerable.Range(0, 400).Select(_ => CborNodeCodec.Encode(documents.Next(5))));
        int rejected = 0;
        foreach (byte[] seed in seeds)
        {
            for (int i = 0; i < 25; i++)
            {
                rejected += Check(Mutate(seed, random), random) ? 0 : 1;
            }
        }

        Assert.True(rejected > 1000, rejected.ToString());
    }

    [Fact]
    public void SkipValueLandsWhereAFullReadEnds()
    {
        var documents = new RandomCborDocuments(99, negativeKeys: true);
        for (int i = 0; i < 2000; i++)
        {
            byte[] data = CborNodeCodec.Encode(documents.Next());
            var skipping = new CborReader(data);
            skipping.SkipValue();
            Assert.Equal(data.Length, skipping.Position);
            skipping.Finish();

            // Item by item inside the top-level container: one reader skips, the other reads everything.
            skipping = new CborReader(data);
            var reading = new CborReader(data);
            CborType type = skipping.PeekType();
            if (type is not (CborType.Array or CborType.Map))
            {
                continue;
            }

            int items = type == CborType.Array ? skipping.ReadArrayHeader() : 2 * skipping.ReadMapHeader();
            Assert.Equal(items, type == CborType.Array ? reading.ReadArrayHeader() : 2 * reading.ReadMapHeader());
            for (int k = 0; k < items; k++)
            {
                skipping.SkipValue();
                CborWalker.WalkItem(reading, null);
                Assert.Equal(reading.Position, skipping.Position);
                Assert.Equal(reading.Depth, skipping.Depth);
            }

            skipping.Finish();
            reading.Finish();
        }
    }

    [Fact]
    public void SkipValueTakesATagTogetherWithItsContent()
    {
        byte[] data = Hex("82c1c2187b02");
        var reader = new CborReader(data);
        Assert.Equal(2, reader.ReadArrayHeader());
        reader.SkipValue();
        Assert.Equal(5, reader.Position);
        Assert.Equal(2UL, reader.ReadUInt64());
        reader.Finish();

        reader = new CborReader(Hex("c1c2187b"));
        reader.SkipValue();
        reader.Finish();
    }

    [Fact]
    public void ValidDocumentsWalkWithRandomSkipsAtEveryLevel()
    {
        var random = new Random(5);
        var documents = new RandomCborDocuments(6, negativeKeys: true);
        for (int i = 0; i < 3000; i++)
        {
            CborWalker.WalkDocument(new CborReader(CborNodeCodec.Encode(documents.Next())), random);
        }
    }

    /// <summary>Walks the input twice (with and without random skips); true when accepted.</summary>
    private static bool Check(byte[] data, Random random)
    {
        ProtocolError plain = ErrorOrNone(() => CborWalker.WalkDocument(new CborReader(data)));
        ProtocolError skipping = ErrorOrNone(() => CborWalker.WalkDocument(new CborReader(data), random));
        // The error may differ (a skipped key is checked for UTF-8 before it is found not to be an integer), acceptance not.
        Assert.True(
            (plain == ProtocolError.None) == (skipping == ProtocolError.None),
            $"{Convert.ToHexStringLower(data)}: {plain} when reading, {skipping} when skipping");
        if (plain != ProtocolError.None)
        {
            return false;
        }

        CborNode node;
        try
        {
            node = CborNodeCodec.Decode(data);
        }
        catch (ProtocolException e) when (e.Error == ProtocolError.CborIntegerOverflow)
        {
            return true; // a negative integer below long.MinValue: our model cannot hold it
        }

        Assert.Equal(Convert.ToHexStringLower(data), Convert.ToHexStringLower(CborNodeCodec.Encode(node)));

        // Whatever we accept is well formed, valid CBOR to an independent decoder too, with the same value.
        Assert.Equal(node.ToString(), SystemCborCodec.Decode(data, System.Formats.Cbor.CborConformanceMode.Strict).ToString());
        return true;
    }

    private static ProtocolError ErrorOrNone(Action action)
    {
        try
        {
            action();
            return ProtocolError.None;
        }
        catch (ProtocolException e)
        {
            return e.Error;
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations; m++)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.Insert(at, random.Next(2) == 0 ? (byte)random.Next(256) : InterestingBytes[random.Next(InterestingBytes.Length)]);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(Math.Min(at, bytes.Count - 1));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                    break;
                default:
                    bytes.AddRange(seed.Take(random.Next(1, 4)));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
