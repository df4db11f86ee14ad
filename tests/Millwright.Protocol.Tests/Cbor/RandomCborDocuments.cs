namespace Millwright.Protocol.Tests.Cbor;

/// <summary>
/// Seeded random documents inside our subset: nested arrays and maps (integer keys in ascending bytewise order),
/// integers around every encoding boundary, byte and text strings (with astral characters), half- and
/// single-precision floats, simple values and tags.
/// </summary>
internal sealed class RandomCborDocuments(int seed, bool negativeKeys = false, bool tags = true)
{
    private static readonly ulong[] Boundaries =
    [
        0, 1, 23, 24, 25, 255, 256, 257, 65535, 65536, 65537, 0xffffffff, 0x100000000, long.MaxValue, (ulong)long.MaxValue + 1, ulong.MaxValue,
    ];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public CborNode Next(int maxDepth = 6) => Item(maxDepth);

    public ulong Argument()
    {
        switch (_random.Next(4))
        {
            case 0:
                return Boundaries[_random.Next(Boundaries.Length)];
            case 1:
                return (ulong)_random.Next(0, 30);
            default:
                // A uniformly random bit length, so that every header size is common.
                int bits = _random.Next(0, 65);
                ulong value = (ulong)_random.NextInt64() ^ ((ulong)_random.NextInt64() << 1);
                return bits == 64 ? value : value & ((1UL << bits) - 1);
        }
    }

    public float Single()
    {
        switch (_random.Next(6))
        {
            case 0:
                float[] special = [0f, -0f, 1f, -1f, 1.5f, 65504f, 65505f, 65536f, float.Epsilon, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 5.960464477539063e-8f, 6.1035156e-5f, 1e-45f];
                return special[_random.Next(special.Length)];
            case 1:
                // Exactly representable in half precision (including subnormal halves).
                return (float)BitConverter.UInt16BitsToHalf((ushort)_random.Next(0x10000));
            default:
                return BitConverter.UInt32BitsToSingle((uint)_random.NextInt64(0, 1L << 32));
        }
    }

    public string Text()
    {
        int length = _random.Next(4) == 0 ? _random.Next(0, 300) : _random.Next(0, 12);
        var chars = new List<char>();
        while (chars.Count < length)
        {
            switch (_random.Next(5))
            {
                case 0:
                    chars.Add((char)_random.Next(0, 0x80));
                    break;
                case 1:
                    chars.Add((char)_random.Next(0x80, 0x800));
                    break;
                case 2:
                    int c = _random.Next(0x800, 0x10000 - 0x800);
                    chars.Add((char)(c >= 0xd800 ? c + 0x800 : c));
                    break;
                case 3:
                    chars.AddRange(char.ConvertFromUtf32(_random.Next(0x10000, 0x110000)));
                    break;
                default:
                    chars.Add((char)_random.Next('a', 'z' + 1));
                    break;
            }
        }

        return new string(chars.ToArray());
    }

    public byte[] Bytes()
    {
        int[] lengths = [0, 1, 23, 24, 255, 256];
        int length = _random.Next(3) == 0 ? lengths[_random.Next(lengths.Length)] : _random.Next(0, 40);
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private CborNode Item(int depth)
    {
        int choice = _random.Next(depth > 0 ? 14 : 10);
        switch (choice)
        {
            case 0:
            case 1:
                return CborNode.UInt(Argument());
            case 2:
                return CborNode.NInt(Argument() >> 1);
            case 3:
                return CborNode.ByteString(Bytes());
            case 4:
                return CborNode.TextString(Text());
            case 5:
            case 6:
                return CborNode.Single(Single());
            case 7:
                byte[] simple = [20, 21, 22, 23, 0, 19, 32, 255];
                return CborNode.Simple(_random.Next(2) == 0 ? simple[_random.Next(simple.Length)] : (byte)_random.Next(32, 256));
            case 8:
            case 9:
                return CborNode.UInt((ulong)_random.Next(0, 1000));
            case 10:
            case 11:
                return CborNode.Array(Enumerable.Range(0, Count()).Select(_ => Item(depth - 1)).ToArray());
            case 12:
                return MapOf(depth - 1);
            default:
                return tags ? CborNode.Tagged(Argument(), Item(depth - 1)) : MapOf(depth - 1);
        }
    }

    private int Count() => _random.Next(5) == 0 ? _random.Next(0, 30) : _random.Next(0, 5);

    private CborNode MapOf(int depth)
    {
        int count = Count();
        var unsigned = new SortedSet<ulong>();
        var negative = new SortedSet<ulong>();
        while (unsigned.Count + negative.Count < count)
        {
            ulong key = _random.Next(2) == 0 ? (ulong)_random.Next(0, 40) : Argument();
            if (negativeKeys && _random.Next(3) == 0)
            {
                negative.Add(key >> 1);
            }
            else
            {
                unsigned.Add(key);
            }
        }

        // RFC 8949 §4.2.1 bytewise order of shortest encodings: major type 0 first, then by argument.
        var items = new List<CborNode>();
        foreach (ulong key in unsigned)
        {
            items.Add(CborNode.UInt(key));
            items.Add(Item(depth));
        }

        foreach (ulong argument in negative)
        {
            items.Add(CborNode.NInt(argument));
            items.Add(Item(depth));
        }

        return CborNode.Map(items.ToArray());
    }
}
