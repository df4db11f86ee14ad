namespace Millwright.Firmware.Board;

/// <summary>
/// The service console UART's character framing as board files write it: data bits, parity, stop bits ("8N1").
/// Data bits are always 8 (the console carries Improv Wi-Fi's binary packets and UTF-8 text); parity is N (none),
/// E (even) or O (odd); stop bits 1 or 2. Parity and stop-bit numbers are System.IO.Ports' enum values, the same on
/// .NET and nanoFramework (Parity None 0, Odd 1, Even 2; StopBits One 1, Two 2).
/// </summary>
public static class SerialFraming
{
    public const string Default = "8N1";

    public const int DataBits = 8;

    public const int ParityNone = 0;
    public const int ParityOdd = 1;
    public const int ParityEven = 2;

    public const int StopBitsOne = 1;
    public const int StopBitsTwo = 2;

    /// <summary>The rule, for error messages.</summary>
    public const string Rule = "8 data bits, parity N, E or O, 1 or 2 stop bits: 8N1, 8E1, 8O1, 8N2, 8E2 or 8O2";

    public static bool IsValid(string framing)
    {
        return framing != null && framing.Length == 3 && framing[0] == '8' &&
               (framing[1] == 'N' || framing[1] == 'E' || framing[1] == 'O') &&
               (framing[2] == '1' || framing[2] == '2');
    }

    /// <summary>System.IO.Ports' Parity value of a valid framing.</summary>
    public static int Parity(string framing)
    {
        if (framing[1] == 'E')
        {
            return ParityEven;
        }

        return framing[1] == 'O' ? ParityOdd : ParityNone;
    }

    /// <summary>System.IO.Ports' StopBits value of a valid framing.</summary>
    public static int StopBits(string framing)
    {
        return framing[2] == '2' ? StopBitsTwo : StopBitsOne;
    }
}
