namespace Millwright.Firmware.Console;

/// <summary>
/// Hexadecimal straight from the received bytes, so that a secret typed on the console never becomes a string (a
/// string cannot be wiped; these buffers are cleared after use).
/// </summary>
public static class HexBytes
{
    /// <summary>Parses <paramref name="count"/> hex digits (either case) into <paramref name="output"/>; false when any is not hex or the count is odd.</summary>
    public static bool TryParse(byte[] text, int offset, int count, byte[] output)
    {
        if ((count & 1) != 0 || output.Length < count / 2)
        {
            return false;
        }

        for (int i = 0; i < count / 2; i++)
        {
            int high = Value(text[offset + (2 * i)]);
            int low = Value(text[offset + (2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            output[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int Value(byte c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }

        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }

        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }

        return -1;
    }
}
