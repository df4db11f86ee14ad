namespace Millwright.Protocol.Text;

/// <summary>ASCII helpers for protocol labels and identifiers (no System.Text.Encoding on nanoFramework).</summary>
public static class Ascii
{
    /// <summary>The bytes of an ASCII string; fails on any character above 0x7f.</summary>
    public static byte[] GetBytes(string text)
    {
        byte[] bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c > 0x7f)
            {
                throw new System.ArgumentException("not ASCII", nameof(text));
            }

            bytes[i] = (byte)c;
        }

        return bytes;
    }

    /// <summary>Lowercase hexadecimal of a byte range.</summary>
    public static string ToHex(byte[] data, int offset, int count)
    {
        const string Digits = "0123456789abcdef";
        char[] chars = new char[count * 2];
        for (int i = 0; i < count; i++)
        {
            int b = data[offset + i];
            chars[i * 2] = Digits[b >> 4];
            chars[(i * 2) + 1] = Digits[b & 0xf];
        }

        return new string(chars);
    }

    /// <summary>Parses hexadecimal (either case, even length); returns null when the text is not hex.</summary>
    public static byte[] FromHex(string hex)
    {
        if (hex == null || (hex.Length & 1) != 0)
        {
            return null;
        }

        byte[] bytes = new byte[hex.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            int high = HexValue(hex[i * 2]);
            int low = HexValue(hex[(i * 2) + 1]);
            if (high < 0 || low < 0)
            {
                return null;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return bytes;
    }

    /// <summary>
    /// Parses <paramref name="count"/> hex digits (either case) straight from bytes into <paramref name="output"/>,
    /// so that a secret typed on a console never becomes a string (a string cannot be wiped). False when any digit
    /// is not hex, the count is odd or the output too small.
    /// </summary>
    public static bool TryParseHex(byte[] text, int offset, int count, byte[] output)
    {
        if ((count & 1) != 0 || output.Length < count / 2)
        {
            return false;
        }

        for (int i = 0; i < count / 2; i++)
        {
            int high = HexValue((char)text[offset + (2 * i)]);
            int low = HexValue((char)text[offset + (2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            output[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int HexValue(char c)
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
