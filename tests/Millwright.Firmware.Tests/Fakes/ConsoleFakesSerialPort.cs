using System.Text;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>A UART whose far end is the test: it queues bytes for the device and keeps every byte the device wrote.</summary>
public sealed class ConsoleFakeSerialPort : ISerialPort
{
    private readonly Queue<byte> _incoming = new();
    private int _taken;

    /// <summary>Most bytes one Read returns (a UART hands over what its FIFO holds).</summary>
    public int ReadChunk { get; set; } = 64;

    /// <summary>Every byte the device ever wrote, in order.</summary>
    public List<byte> Written { get; } = [];

    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    public void Send(byte[] bytes)
    {
        foreach (byte b in bytes)
        {
            _incoming.Enqueue(b);
        }
    }

    public int Pending => _incoming.Count;

    /// <summary>What the device wrote since the last call, as UTF-8 text.</summary>
    public string TakeText() => Encoding.UTF8.GetString(TakeBytes());

    public byte[] TakeBytes()
    {
        byte[] bytes = Written.Skip(_taken).ToArray();
        _taken = Written.Count;
        return bytes;
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && n < ReadChunk && _incoming.Count > 0)
        {
            buffer[offset + n++] = _incoming.Dequeue();
        }

        return n;
    }

    public void Write(byte[] data, int offset, int count) => Written.AddRange(data.AsSpan(offset, count).ToArray());
}
