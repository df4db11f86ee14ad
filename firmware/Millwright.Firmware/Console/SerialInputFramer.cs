namespace Millwright.Firmware.Console;

/// <summary>
/// Splits the console UART's byte stream into text lines and Improv Wi-Fi serial packets, which share the port.
/// A line ends at CR, LF or CR LF (terminals differ). A line that starts with "IMPROV" is an Improv packet: its
/// length byte (offset 8) says where it ends, so packet bytes may be anything, CR and LF included
/// (https://www.improv-wifi.com/serial/). Fixed buffer, no allocation.
/// </summary>
public sealed class SerialInputFramer
{
    public const int MaxLineBytes = 300;

    /// <summary>"IMPROV", version, type, length, up to 255 data bytes, checksum.</summary>
    public const int MaxImprovPacketBytes = 6 + 3 + 255 + 1;

    /// <summary>An Improv packet whose next byte is this late is abandoned (a tool that went away mid-packet).</summary>
    public const long ImprovByteTimeoutMicros = 1000000;

    private const int ModeText = 0;
    private const int ModeImprov = 1;
    private const int ModeDiscard = 2;

    private static readonly byte[] ImprovHeader = { (byte)'I', (byte)'M', (byte)'P', (byte)'R', (byte)'O', (byte)'V' };

    private readonly byte[] _buffer = new byte[MaxLineBytes > MaxImprovPacketBytes ? MaxLineBytes : MaxImprovPacketBytes];
    private int _length;
    private int _mode;
    private bool _afterCarriageReturn;
    private long _lastByteMicros;

    public byte[] Buffer
    {
        get { return _buffer; }
    }

    /// <summary>Bytes of the completed line or packet in <see cref="Buffer"/>.</summary>
    public int Length
    {
        get { return _length; }
    }

    /// <summary>Takes one byte; when it completes something, read it from <see cref="Buffer"/> and then call <see cref="Clear"/>.</summary>
    public SerialInput Push(byte value, long nowMicros)
    {
        _lastByteMicros = nowMicros;
        bool afterCarriageReturn = _afterCarriageReturn;
        _afterCarriageReturn = false;
        if (_mode == ModeImprov)
        {
            _buffer[_length++] = value;
            return _length >= 9 && _length == 9 + _buffer[8] + 1 ? SerialInput.ImprovPacket : SerialInput.None;
        }

        bool endOfLine = value == (byte)'\n' || value == (byte)'\r';
        if (_mode == ModeDiscard)
        {
            if (endOfLine)
            {
                _mode = ModeText;
                _afterCarriageReturn = value == (byte)'\r';
                _length = 0;
                return SerialInput.LineTooLong;
            }

            return SerialInput.None;
        }

        if (endOfLine)
        {
            _afterCarriageReturn = value == (byte)'\r';
            if (value == (byte)'\n' && afterCarriageReturn && _length == 0)
            {
                // The LF of a CR LF pair: the line already ended at the CR.
                return SerialInput.None;
            }

            return SerialInput.Line;
        }

        if (_length == MaxLineBytes)
        {
            Wipe();
            _mode = ModeDiscard;
            return SerialInput.None;
        }

        _buffer[_length++] = value;
        if (_length == ImprovHeader.Length && StartsWithImprovHeader())
        {
            _mode = ModeImprov;
        }

        return SerialInput.None;
    }

    /// <summary>Abandons an Improv packet that stopped arriving; returns true when one was dropped.</summary>
    public bool Expire(long nowMicros)
    {
        if (_mode != ModeImprov || nowMicros - _lastByteMicros <= ImprovByteTimeoutMicros)
        {
            return false;
        }

        Clear();
        return true;
    }

    /// <summary>Wipes the buffer (it may have held a secret) and starts a new line.</summary>
    public void Clear()
    {
        Wipe();
        _mode = ModeText;
    }

    private void Wipe()
    {
        System.Array.Clear(_buffer, 0, _length);
        _length = 0;
    }

    private bool StartsWithImprovHeader()
    {
        for (int i = 0; i < ImprovHeader.Length; i++)
        {
            if (_buffer[i] != ImprovHeader[i])
            {
                return false;
            }
        }

        return true;
    }
}
