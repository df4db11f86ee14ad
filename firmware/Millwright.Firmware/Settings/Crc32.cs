namespace Millwright.Firmware.Settings;

/// <summary>
/// CRC-32 as in IEEE 802.3 / zlib (reflected polynomial 0xEDB88320, initial and final value 0xFFFFFFFF), computed
/// bit by bit: the records it guards are small and written rarely, so no 1 KB table is kept in RAM.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    public static uint Compute(byte[] data, int offset, int count)
    {
        uint crc = 0xFFFFFFFF;
        int end = offset + count;
        for (int i = offset; i < end; i++)
        {
            crc ^= data[i];
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Writes the CRC of <c>data[offset..offset+count)</c> big-endian right after that range; returns count + 4.</summary>
    public static int Append(byte[] data, int offset, int count)
    {
        uint crc = Compute(data, offset, count);
        int at = offset + count;
        data[at] = (byte)(crc >> 24);
        data[at + 1] = (byte)(crc >> 16);
        data[at + 2] = (byte)(crc >> 8);
        data[at + 3] = (byte)crc;
        return count + 4;
    }

    /// <summary>True when the last 4 bytes of the range are the big-endian CRC of the bytes before them.</summary>
    public static bool Check(byte[] data, int offset, int count)
    {
        if (count < 4)
        {
            return false;
        }

        int bodyLength = count - 4;
        uint crc = Compute(data, offset, bodyLength);
        int at = offset + bodyLength;
        uint stored = ((uint)data[at] << 24) | ((uint)data[at + 1] << 16) | ((uint)data[at + 2] << 8) | data[at + 3];
        return crc == stored;
    }
}
