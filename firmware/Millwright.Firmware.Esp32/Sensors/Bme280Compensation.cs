using System;

namespace Millwright.Firmware.Esp32.Sensors;

/// <summary>
/// BME280 trimming parameters and compensation: the floating-point formulas of the Bosch BME280 datasheet
/// (BST-BME280-DS002, §4.2.3 and appendix 8.1), computed in float because the ESP32 runs doubles in single precision.
/// Pure: it turns register bytes into values and never touches a bus.
/// </summary>
public sealed class Bme280Compensation
{
    /// <summary>Bytes 0x88..0xA1 (dig_T1..dig_P9, then 0xA0 unused and dig_H1).</summary>
    public const int BlockOneLength = 26;

    /// <summary>Bytes 0xE1..0xE7 (dig_H2..dig_H6).</summary>
    public const int BlockTwoLength = 7;

    private float _t1, _t2, _t3;
    private float _p1, _p2, _p3, _p4, _p5, _p6, _p7, _p8, _p9;
    private float _h1, _h2, _h3, _h4, _h5, _h6;

    /// <summary>Reads the trimming parameters (datasheet table 16) from the two calibration blocks.</summary>
    public void Load(byte[] blockOne, byte[] blockTwo)
    {
        _t1 = Unsigned16(blockOne, 0);
        _t2 = Signed16(blockOne, 2);
        _t3 = Signed16(blockOne, 4);
        _p1 = Unsigned16(blockOne, 6);
        _p2 = Signed16(blockOne, 8);
        _p3 = Signed16(blockOne, 10);
        _p4 = Signed16(blockOne, 12);
        _p5 = Signed16(blockOne, 14);
        _p6 = Signed16(blockOne, 16);
        _p7 = Signed16(blockOne, 18);
        _p8 = Signed16(blockOne, 20);
        _p9 = Signed16(blockOne, 22);
        _h1 = blockOne[25];
        _h2 = Signed16(blockTwo, 0);
        _h3 = blockTwo[2];
        _h4 = ((sbyte)blockTwo[3] * 16) | (blockTwo[4] & 0x0F);
        _h5 = ((sbyte)blockTwo[5] * 16) | (blockTwo[4] >> 4);
        _h6 = (sbyte)blockTwo[6];
    }

    /// <summary>°C from the 20-bit temperature reading; <paramref name="fine"/> feeds the other two formulas.</summary>
    public float Temperature(int adcT, out float fine)
    {
        float var1 = (adcT / 16384.0f - _t1 / 1024.0f) * _t2;
        float d = adcT / 131072.0f - _t1 / 8192.0f;
        float var2 = d * d * _t3;
        fine = (int)(var1 + var2); // t_fine is an integer in the datasheet
        return (var1 + var2) / 5120.0f;
    }

    /// <summary>Pa from the 20-bit pressure reading; NaN when the trimming would divide by zero.</summary>
    public float Pressure(int adcP, float fine)
    {
        float var1 = fine / 2.0f - 64000.0f;
        float var2 = var1 * var1 * _p6 / 32768.0f;
        var2 = var2 + var1 * _p5 * 2.0f;
        var2 = var2 / 4.0f + _p4 * 65536.0f;
        var1 = (_p3 * var1 * var1 / 524288.0f + _p2 * var1) / 524288.0f;
        var1 = (1.0f + var1 / 32768.0f) * _p1;
        if (var1 == 0.0f)
        {
            return float.NaN;
        }

        float p = 1048576.0f - adcP;
        p = (p - var2 / 4096.0f) * 6250.0f / var1;
        var1 = _p9 * p * p / 2147483648.0f;
        var2 = p * _p8 / 32768.0f;
        return p + (var1 + var2 + _p7) / 16.0f;
    }

    /// <summary>%RH (0..100) from the 16-bit humidity reading.</summary>
    public float Humidity(int adcH, float fine)
    {
        float h = fine - 76800.0f;
        h = (adcH - (_h4 * 64.0f + _h5 / 16384.0f * h)) *
            (_h2 / 65536.0f * (1.0f + _h6 / 67108864.0f * h * (1.0f + _h3 / 67108864.0f * h)));
        h = h * (1.0f - _h1 * h / 524288.0f);
        if (h > 100.0f)
        {
            return 100.0f;
        }

        return h < 0.0f ? 0.0f : h;
    }

    private static float Unsigned16(byte[] data, int offset)
    {
        return data[offset] | (data[offset + 1] << 8);
    }

    private static float Signed16(byte[] data, int offset)
    {
        return (short)(data[offset] | (data[offset + 1] << 8));
    }
}
