namespace Millwright.Firmware.Storage;

/// <summary>
/// Fixed-width little-endian integers in byte arrays, for our flash formats (BitConverter follows the host's byte
/// order and allocates; these do neither).
/// </summary>
public static class LittleEndian
{
    public static void WriteUInt16(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)value;
        buffer[offset + 1] = (byte)(value >> 8);
    }

    public static void WriteUInt32(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)value;
        buffer[offset + 1] = (byte)(value >> 8);
        buffer[offset + 2] = (byte)(value >> 16);
        buffer[offset + 3] = (byte)(value >> 24);
    }

    public static void WriteUInt64(byte[] buffer, int offset, ulong value)
    {
        WriteUInt32(buffer, offset, (uint)value);
        WriteUInt32(buffer, offset + 4, (uint)(value >> 32));
    }

    public static int ReadUInt16(byte[] buffer, int offset)
    {
        return buffer[offset] | (buffer[offset + 1] << 8);
    }

    public static uint ReadUInt32(byte[] buffer, int offset)
    {
        return (uint)buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) |
            ((uint)buffer[offset + 3] << 24);
    }

    public static ulong ReadUInt64(byte[] buffer, int offset)
    {
        return ReadUInt32(buffer, offset) | ((ulong)ReadUInt32(buffer, offset + 4) << 32);
    }
}
