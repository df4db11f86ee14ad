using Millwright.Protocol.Text;

namespace Millwright.Firmware.Console;

/// <summary>
/// One received text line, split as the grammar says: <c>command [argument]</c>, where the argument is everything
/// after the single space that follows the command word (so values may contain spaces). The argument stays as
/// bytes until a command asks for text: the secret is parsed from the bytes and never becomes a string.
/// </summary>
public sealed class ConsoleLine
{
    public const int MaxCommandLength = 24;

    public byte[] Data { get; private set; }

    /// <summary>The command word in lowercase, or null when the line starts with something that cannot be one.</summary>
    public string Command { get; private set; }

    public int ArgumentOffset { get; private set; }

    public int ArgumentLength { get; private set; }

    public bool IsBlank { get; private set; }

    public void Parse(byte[] data, int length)
    {
        Data = data;
        int start = 0;
        while (start < length && (data[start] == (byte)' ' || data[start] == (byte)'\t'))
        {
            start++;
        }

        IsBlank = start == length;
        int end = start;
        while (end < length && data[end] != (byte)' ')
        {
            end++;
        }

        Command = Word(data, start, end - start);
        ArgumentOffset = end < length ? end + 1 : length;
        ArgumentLength = length - ArgumentOffset;
    }

    /// <summary>The argument as text, or null when it is not valid UTF-8.</summary>
    public string ArgumentText()
    {
        int chars = Utf8.GetCharCount(Data, ArgumentOffset, ArgumentLength);
        return chars < 0 ? null : Utf8.Decode(Data, ArgumentOffset, ArgumentLength, chars);
    }

    /// <summary>True when there is no argument, or only spaces.</summary>
    public bool HasNoArgument()
    {
        for (int i = ArgumentOffset; i < ArgumentOffset + ArgumentLength; i++)
        {
            if (Data[i] != (byte)' ' && Data[i] != (byte)'\t')
            {
                return false;
            }
        }

        return true;
    }

    private static string Word(byte[] data, int offset, int count)
    {
        if (count == 0 || count > MaxCommandLength)
        {
            return null;
        }

        char[] chars = new char[count];
        for (int i = 0; i < count; i++)
        {
            byte b = data[offset + i];
            if (b <= (byte)' ' || b > (byte)'~')
            {
                return null;
            }

            chars[i] = b >= (byte)'A' && b <= (byte)'Z' ? (char)(b + 32) : (char)b;
        }

        return new string(chars);
    }
}
