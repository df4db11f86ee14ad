using Millwright.Firmware.Hardware;
using Millwright.Protocol.Text;

namespace Millwright.Firmware.Console;

/// <summary>
/// Everything the console sends: text lines ("ok ...", "error ...", "- ..." for the lines of a longer reply), each
/// ended with CR LF, and raw Improv packets. Nothing else writes to the port, which is what lets the tests check
/// every byte that leaves the device.
/// </summary>
public sealed class ConsoleOutput
{
    private readonly ISerialPort _port;
    private byte[] _buffer = new byte[256];

    public ConsoleOutput(ISerialPort port)
    {
        _port = port;
    }

    public void Ok(string text)
    {
        Line("ok " + text);
    }

    public void Error(string text)
    {
        Line("error " + text);
    }

    /// <summary>One line of a multi-line reply; the reply still ends with an ok or error line.</summary>
    public void Detail(string text)
    {
        Line("- " + text);
    }

    public void Raw(byte[] data, int offset, int count)
    {
        _port.Write(data, offset, count);
    }

    private void Line(string text)
    {
        int count = Utf8.GetByteCount(text);
        if (count < 0)
        {
            text = "error reply could not be encoded";
            count = text.Length;
        }

        if (_buffer.Length < count + 2)
        {
            _buffer = new byte[count + 2];
        }

        Utf8.Encode(text, _buffer, 0);
        _buffer[count] = (byte)'\r';
        _buffer[count + 1] = (byte)'\n';
        _port.Write(_buffer, 0, count + 2);
    }
}
