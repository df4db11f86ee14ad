using System.Text;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>The console UART for runtime tests: the test types lines, the device's output collects as text.</summary>
public sealed class RuntimeSerialPort : ISerialPort
{
    private readonly Queue<byte> _incoming = new();
    private readonly List<byte> _written = [];

    public string Output => Encoding.UTF8.GetString(_written.ToArray());

    /// <summary>A UART driver gone bad: every read throws.</summary>
    public bool Throw { get; set; }

    public void TypeLine(string line)
    {
        foreach (byte b in Encoding.UTF8.GetBytes(line + "\n"))
        {
            _incoming.Enqueue(b);
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (Throw)
        {
            throw new InvalidOperationException("UART framing error");
        }

        int n = 0;
        while (n < count && _incoming.Count > 0)
        {
            buffer[offset + n++] = _incoming.Dequeue();
        }

        return n;
    }

    public void Write(byte[] data, int offset, int count) => _written.AddRange(data.AsSpan(offset, count).ToArray());
}
