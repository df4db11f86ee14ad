namespace Millwright.Protocol.Text;

/// <summary>
/// Strict UTF-8 (RFC 3629) without System.Text.Encoding, which nanoFramework's mscorlib does not have.
/// Rejects overlong forms, surrogate code points, values above U+10FFFF and unpaired UTF-16 surrogates.
/// </summary>
public static class Utf8
{
    /// <summary>Bytes needed for <paramref name="text"/>, or -1 when it holds an unpaired surrogate.</summary>
    public static int GetByteCount(string text)
    {
        int count = 0;
        int length = text.Length;
        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                count += 1;
            }
            else if (c < 0x800)
            {
                count += 2;
            }
            else if (c >= 0xd800 && c <= 0xdfff)
            {
                if (c > 0xdbff || i + 1 >= length || text[i + 1] < 0xdc00 || text[i + 1] > 0xdfff)
                {
                    return -1;
                }

                count += 4;
                i++;
            }
            else
            {
                count += 3;
            }
        }

        return count;
    }

    /// <summary>Writes <paramref name="text"/> at <paramref name="offset"/>; the caller checked room with GetByteCount.</summary>
    public static int Encode(string text, byte[] destination, int offset)
    {
        int start = offset;
        int length = text.Length;
        for (int i = 0; i < length; i++)
        {
            int c = text[i];
            if (c < 0x80)
            {
                destination[offset++] = (byte)c;
            }
            else if (c < 0x800)
            {
                destination[offset++] = (byte)(0xc0 | (c >> 6));
                destination[offset++] = (byte)(0x80 | (c & 0x3f));
            }
            else if (c >= 0xd800 && c <= 0xdbff)
            {
                int codePoint = 0x10000 + ((c - 0xd800) << 10) + (text[++i] - 0xdc00);
                destination[offset++] = (byte)(0xf0 | (codePoint >> 18));
                destination[offset++] = (byte)(0x80 | ((codePoint >> 12) & 0x3f));
                destination[offset++] = (byte)(0x80 | ((codePoint >> 6) & 0x3f));
                destination[offset++] = (byte)(0x80 | (codePoint & 0x3f));
            }
            else
            {
                destination[offset++] = (byte)(0xe0 | (c >> 12));
                destination[offset++] = (byte)(0x80 | ((c >> 6) & 0x3f));
                destination[offset++] = (byte)(0x80 | (c & 0x3f));
            }
        }

        return offset - start;
    }

    /// <summary>The number of UTF-16 chars the bytes decode to, or -1 when they are not well-formed UTF-8.</summary>
    public static int GetCharCount(byte[] data, int offset, int count)
    {
        int chars = 0;
        int end = offset + count;
        int i = offset;
        while (i < end)
        {
            int b = data[i];
            int extra;
            int minimum;
            int codePoint;
            if (b < 0x80)
            {
                i++;
                chars++;
                continue;
            }
            else if (b >= 0xc2 && b <= 0xdf)
            {
                extra = 1;
                minimum = 0x80;
                codePoint = b & 0x1f;
            }
            else if (b >= 0xe0 && b <= 0xef)
            {
                extra = 2;
                minimum = 0x800;
                codePoint = b & 0x0f;
            }
            else if (b >= 0xf0 && b <= 0xf4)
            {
                extra = 3;
                minimum = 0x10000;
                codePoint = b & 0x07;
            }
            else
            {
                return -1;
            }

            if (end - i <= extra)
            {
                return -1;
            }

            for (int k = 1; k <= extra; k++)
            {
                int continuation = data[i + k];
                if ((continuation & 0xc0) != 0x80)
                {
                    return -1;
                }

                codePoint = (codePoint << 6) | (continuation & 0x3f);
            }

            if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
            {
                return -1;
            }

            chars += codePoint >= 0x10000 ? 2 : 1;
            i += extra + 1;
        }

        return chars;
    }

    /// <summary>Decodes well-formed UTF-8 (check with GetCharCount first).</summary>
    public static string Decode(byte[] data, int offset, int count, int charCount)
    {
        char[] chars = new char[charCount];
        int end = offset + count;
        int i = offset;
        int c = 0;
        while (i < end)
        {
            int b = data[i];
            int codePoint;
            if (b < 0x80)
            {
                codePoint = b;
                i += 1;
            }
            else if (b < 0xe0)
            {
                codePoint = ((b & 0x1f) << 6) | (data[i + 1] & 0x3f);
                i += 2;
            }
            else if (b < 0xf0)
            {
                codePoint = ((b & 0x0f) << 12) | ((data[i + 1] & 0x3f) << 6) | (data[i + 2] & 0x3f);
                i += 3;
            }
            else
            {
                codePoint = ((b & 0x07) << 18) | ((data[i + 1] & 0x3f) << 12) | ((data[i + 2] & 0x3f) << 6) | (data[i + 3] & 0x3f);
                i += 4;
            }

            if (codePoint >= 0x10000)
            {
                codePoint -= 0x10000;
                chars[c++] = (char)(0xd800 + (codePoint >> 10));
                chars[c++] = (char)(0xdc00 + (codePoint & 0x3ff));
            }
            else
            {
                chars[c++] = (char)codePoint;
            }
        }

        return new string(chars);
    }
}
