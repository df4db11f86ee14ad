namespace Millwright.Protocol.Cbor;

/// <summary>
/// IEEE 754 binary32/binary16 conversions done with exact power-of-two arithmetic, because nanoFramework's mscorlib
/// has no allocation-free float-to-bits conversion (no SingleToInt32Bits, no explicit struct layout).
/// </summary>
public static class FloatBits
{
    /// <summary>The one NaN we write (RFC 8949 §4.2.2 suggests the quiet NaN 0x7e00 in half precision).</summary>
    public const ushort CanonicalHalfNaN = 0x7e00;

    private const float TwoTo16 = 65536f;
    private const float TwoToMinus16 = 1f / 65536f;

    /// <summary>The binary32 bit pattern of <paramref name="value"/>; every NaN maps to 0x7fc00000.</summary>
    public static uint ToBits(float value)
    {
        if (float.IsNaN(value))
        {
            return 0x7fc00000;
        }

        // The sign of zero without dividing by it: nanoCLR throws on any division by zero, floats included.
        uint sign = value < 0f || (value == 0f && System.BitConverter.DoubleToInt64Bits(value) < 0) ? 0x80000000u : 0u;
        float magnitude = value < 0f ? -value : value;
        if (magnitude == 0f)
        {
            return sign;
        }

        if (magnitude > float.MaxValue)
        {
            return sign | 0x7f800000u;
        }

        // Scale into [1, 2) by powers of two (exact), counting the exponent.
        int exponent = 0;
        while (magnitude >= TwoTo16)
        {
            magnitude *= TwoToMinus16;
            exponent += 16;
        }

        while (magnitude >= 2f)
        {
            magnitude *= 0.5f;
            exponent++;
        }

        while (magnitude < TwoToMinus16)
        {
            magnitude *= TwoTo16;
            exponent -= 16;
        }

        while (magnitude < 1f)
        {
            magnitude *= 2f;
            exponent--;
        }

        int biased = exponent + 127;
        if (biased >= 1)
        {
            return sign | ((uint)biased << 23) | (uint)((magnitude - 1f) * 8388608f);
        }

        // Subnormal: value = mantissa × 2^-149.
        for (int i = 0; i < exponent + 149; i++)
        {
            magnitude *= 2f;
        }

        return sign | (uint)magnitude;
    }

    /// <summary>The float with binary32 bit pattern <paramref name="bits"/>.</summary>
    public static float FromBits(uint bits)
    {
        bool negative = (bits & 0x80000000u) != 0;
        int biased = (int)((bits >> 23) & 0xff);
        uint mantissa = bits & 0x7fffff;
        float magnitude;
        if (biased == 0xff)
        {
            magnitude = mantissa == 0 ? float.PositiveInfinity : float.NaN;
        }
        else if (biased == 0)
        {
            magnitude = ScaleByPowerOfTwo(mantissa, -149);
        }
        else
        {
            magnitude = ScaleByPowerOfTwo(mantissa | 0x800000u, biased - 150);
        }

        return negative ? -magnitude : magnitude;
    }

    /// <summary>
    /// The binary16 pattern of a binary32 pattern when the value is exactly representable in half precision
    /// (RFC 8949 §4.2.1: the shortest form that preserves the value); otherwise false.
    /// </summary>
    public static bool TryToHalf(uint bits, out ushort half)
    {
        ushort sign = (ushort)((bits >> 16) & 0x8000);
        int biased = (int)((bits >> 23) & 0xff);
        uint mantissa = bits & 0x7fffff;
        half = 0;
        if (biased == 0xff)
        {
            half = mantissa == 0 ? (ushort)(sign | 0x7c00) : CanonicalHalfNaN;
            return true;
        }

        if (biased == 0)
        {
            // Zero survives; binary32 subnormals are far below binary16's range.
            half = sign;
            return mantissa == 0;
        }

        int exponent = biased - 127;
        if (exponent >= -14 && exponent <= 15)
        {
            if ((mantissa & 0x1fff) != 0)
            {
                return false;
            }

            half = (ushort)(sign | ((exponent + 15) << 10) | (int)(mantissa >> 13));
            return true;
        }

        if (exponent >= -24 && exponent < -14)
        {
            int shift = -exponent - 1;
            uint full = mantissa | 0x800000u;
            if ((full & ((1u << shift) - 1)) != 0)
            {
                return false;
            }

            half = (ushort)(sign | (int)(full >> shift));
            return true;
        }

        return false;
    }

    /// <summary>The binary32 pattern of a binary16 pattern (always exact).</summary>
    public static uint FromHalf(ushort half)
    {
        uint sign = (uint)(half & 0x8000) << 16;
        int biased = (half >> 10) & 0x1f;
        uint mantissa = (uint)(half & 0x3ff);
        if (biased == 0x1f)
        {
            return sign | 0x7f800000u | (mantissa << 13);
        }

        if (biased == 0)
        {
            if (mantissa == 0)
            {
                return sign;
            }

            // Normalise the half subnormal: value = mantissa × 2^-24.
            int exponent = -14;
            while ((mantissa & 0x400) == 0)
            {
                mantissa <<= 1;
                exponent--;
            }

            return sign | ((uint)(exponent + 127) << 23) | ((mantissa & 0x3ff) << 13);
        }

        return sign | ((uint)(biased - 15 + 127) << 23) | (mantissa << 13);
    }

    private static float ScaleByPowerOfTwo(uint integer, int power)
    {
        float result = integer;
        while (power >= 16)
        {
            result *= TwoTo16;
            power -= 16;
        }

        while (power > 0)
        {
            result *= 2f;
            power--;
        }

        // Scale down in steps that keep the intermediate normal until the final step, so rounding never happens.
        while (power <= -16 && result >= 1.1754943508222875e-38f * TwoTo16)
        {
            result *= TwoToMinus16;
            power += 16;
        }

        while (power < 0)
        {
            result *= 0.5f;
            power++;
        }

        return result;
    }
}
