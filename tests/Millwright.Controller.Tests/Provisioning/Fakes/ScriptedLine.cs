using System.Text;
using Millwright.Controller.Provisioning;

namespace Millwright.Controller.Tests.Provisioning.Fakes;

/// <summary>
/// A serial line to a pretend device: each line the tool writes goes to <see cref="Answer"/>, whose bytes the tool then
/// reads. Everything written is kept (<see cref="Written"/>) so a test can check what reached the device.
/// </summary>
internal sealed class ScriptedLine(Func<string, string?> answer) : ISerialLine
{
    private readonly List<byte> _incoming = [];
    private readonly List<byte> _partial = [];
    private readonly Lock _lock = new();

    public Func<string, string?> Answer { get; set; } = answer;

    public List<string> Written { get; } = [];

    /// <summary>The same lines as bytes (an Improv packet is not text), without their LF.</summary>
    public List<byte[]> WrittenBytes { get; } = [];

    public bool Disposed { get; private set; }

    public string Description => "scripted 115200 8N1";

    /// <summary>Bytes the device sends on its own (noise, a boot log, an Improv packet).</summary>
    public void Send(byte[] bytes)
    {
        lock (_lock)
        {
            _incoming.AddRange(bytes);
        }
    }

    public void Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    public void Write(byte[] data, int offset, int count)
    {
        for (int i = offset; i < offset + count; i++)
        {
            if (data[i] != (byte)'\n')
            {
                _partial.Add(data[i]);
                continue;
            }

            WrittenBytes.Add([.. _partial]);
            string line = Encoding.UTF8.GetString([.. _partial]).TrimEnd('\r');
            _partial.Clear();
            Written.Add(line);
            if (line.Length > 0 && Answer(line) is { } reply)
            {
                Send(reply);
            }
        }
    }

    public int Read(byte[] buffer, int offset, int count, TimeSpan timeout)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_lock)
            {
                if (_incoming.Count > 0)
                {
                    int n = Math.Min(count, _incoming.Count);
                    _incoming.CopyTo(0, buffer, offset, n);
                    _incoming.RemoveRange(0, n);
                    return n;
                }
            }

            if (DateTime.UtcNow >= until)
            {
                return 0;
            }

            Thread.Sleep(5);
        }
    }

    public void Dispose() => Disposed = true;
}
