namespace Millwright.Firmware.Storage;

/// <summary>
/// CRC-32 as in IEEE 802.3, zlib and PNG (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF; check
/// value of "123456789" is 0xCBF43926). Four bits at a time from a 16-entry table: 64 bytes of table instead of the
/// usual 1 KB, for the device's small heap, at about half the speed, which is plenty for a few hundred bytes a second.
/// </summary>
public static class Crc32
{
    /// <summary>Start value of a running CRC (pass it to the first <see cref="Update"/>).</summary>
    public const uint Initial = 0xFFFFFFFF;

    // Table[i] = CRC register after shifting the 4-bit value i through the reflected polynomial.
    private static readonly uint[] Table =
    {
        0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
        0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
    };

    /// <summary>Feeds bytes into a running CRC started with <see cref="Initial"/>.</summary>
    public static uint Update(uint state, byte[] data, int offset, int count)
    {
        int end = offset + count;
        for (int i = offset; i < end; i++)
        {
            state ^= data[i];
            state = (state >> 4) ^ Table[state & 0x0F];
            state = (state >> 4) ^ Table[state & 0x0F];
        }

        return state;
    }

    /// <summary>The CRC of everything fed into <paramref name="state"/>.</summary>
    public static uint Finish(uint state)
    {
        return ~state;
    }

    public static uint Compute(byte[] data, int offset, int count)
    {
        return Finish(Update(Initial, data, offset, count));
    }
}
