using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>FloatBits (arithmetic-only IEEE 754 conversions for nanoFramework) against .NET's own bit conversions.</summary>
public class FloatBitsTests
{
    private static readonly uint[] EdgePatterns =
    [
        0x00000000, 0x80000000, // ±0
        0x00000001, 0x80000001, 0x00000002, 0x00000003, 0x00400000, 0x00400001, 0x007ffffe, 0x007fffff, 0x807fffff, // subnormals
        0x00800000, 0x80800000, 0x00800001, 0x00ffffff, 0x01000000, // smallest normals
        0x33800000, 0x33800001, 0x337fffff, 0x38800000, 0x387fe000, 0x387fffff, // around the half subnormal/normal range
        0x3f800000, 0xbf800000, 0x3f7fffff, 0x3f800001, 0x3fc00000, 0x477fe000, 0x477fe001, 0x477ff000, 0x47800000,
        0x4b000000, 0x4b7fffff, 0x4f800000, 0x5f800000,
        0x7f7fffff, 0xff7fffff, 0x7f000000, // largest
        0x7f800000, 0xff800000, // ±infinity
    ];

    private static readonly uint[] NaNPatterns = [0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fffffff, 0xffffffff, 0x7fa00000];

    [Fact]
    public void ToBitsAndFromBitsMatchBitConverterOnEdgeCases()
    {
        foreach (uint bits in EdgePatterns)
        {
            AssertAgrees(bits);
        }
    }

    [Fact]
    public void ToBitsAndFromBitsMatchBitConverterOnRandomPatterns()
    {
        var random = new Random(8949);
        for (int i = 0; i < 200_000; i++)
        {
            uint bits = (uint)random.NextInt64(0, 1L << 32);
            if (i % 4 == 0)
            {
                // A quarter subnormal, so that their slow path gets as much coverage as the normal one.
                bits &= 0x807fffff;
            }

            if (!float.IsNaN(BitConverter.UInt32BitsToSingle(bits)))
            {
                AssertAgrees(bits);
            }
        }
    }

    [Fact]
    public void EveryExponentWithEdgeMantissasAgrees()
    {
        uint[] mantissas = [0, 1, 2, 0x1fff, 0x2000, 0x400000, 0x7ffffe, 0x7fffff];
        for (uint exponent = 0; exponent < 0xff; exponent++)
        {
            foreach (uint mantissa in mantissas)
            {
                AssertAgrees((exponent << 23) | mantissa);
                AssertAgrees(0x80000000 | (exponent << 23) | mantissa);
            }
        }
    }

    [Fact]
    public void EveryNaNMapsToTheOneQuietNaN()
    {
        foreach (uint bits in NaNPatterns)
        {
            float value = BitConverter.UInt32BitsToSingle(bits);
            Assert.Equal(0x7fc00000u, FloatBits.ToBits(value));
            Assert.True(float.IsNaN(FloatBits.FromBits(bits)));
        }

        Assert.Equal(0x7fc00000u, FloatBits.ToBits(float.NaN));
    }

    [Fact]
    public void FromHalfMatchesSystemHalfForAll65536Patterns()
    {
        for (int pattern = 0; pattern <= 0xffff; pattern++)
        {
            Half half = BitConverter.UInt16BitsToHalf((ushort)pattern);
            uint bits = FloatBits.FromHalf((ushort)pattern);
            if (Half.IsNaN(half))
            {
                Assert.True(float.IsNaN(BitConverter.UInt32BitsToSingle(bits)), pattern.ToString("x4"));
                Assert.True(FloatBits.TryToHalf(bits, out ushort nan));
                Assert.Equal(FloatBits.CanonicalHalfNaN, nan);
                continue;
            }

            Assert.Equal(BitConverter.SingleToUInt32Bits((float)half), bits);
            Assert.True(FloatBits.TryToHalf(bits, out ushort back), pattern.ToString("x4"));
            Assert.Equal((ushort)pattern, back);
        }
    }

    [Fact]
    public void TryToHalfSucceedsExactlyWhenSystemHalfKeepsTheValue()
    {
        var random = new Random(7049);
        for (int i = 0; i < 300_000; i++)
        {
            uint bits;
            switch (i % 3)
            {
                case 0:
                    bits = (uint)random.NextInt64(0, 1L << 32);
                    break;
                case 1:
                    // Exponents around the half range (2^-26 .. 2^17), mantissas with few low bits set.
                    uint exponent = (uint)random.Next(127 - 26, 127 + 18);
                    uint mantissa = (uint)random.Next(0, 1 << 23) & ~((1u << random.Next(0, 24)) - 1);
                    bits = (uint)(random.Next(2) << 31) | (exponent << 23) | mantissa;
                    break;
                default:
                    bits = FloatBits.FromHalf((ushort)random.Next(0x10000)) ^ (1u << random.Next(0, 32));
                    break;
            }

            float value = BitConverter.UInt32BitsToSingle(bits);
            if (float.IsNaN(value))
            {
                continue;
            }

            Half half = (Half)value;
            bool exact = BitConverter.SingleToUInt32Bits((float)half) == bits;
            Assert.Equal(exact, FloatBits.TryToHalf(bits, out ushort ours));
            if (exact)
            {
                Assert.Equal(BitConverter.HalfToUInt16Bits(half), ours);
            }
        }
    }

    private static void AssertAgrees(uint bits)
    {
        float value = BitConverter.UInt32BitsToSingle(bits);
        Assert.Equal(bits, FloatBits.ToBits(value));
        Assert.Equal(bits, BitConverter.SingleToUInt32Bits(FloatBits.FromBits(bits)));
    }
}
