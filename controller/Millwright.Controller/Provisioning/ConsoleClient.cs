using System.Text;

namespace Millwright.Controller.Provisioning;

/// <summary>
/// The device's service console line protocol (docs/firmware.md, "Service console"): one command per line, answered by
/// "- …" lines and one final "ok …" or "error …" line. The device does not echo. The secret is sent as bytes that are
/// wiped after writing and never become a string.
/// </summary>
public sealed class ConsoleClient(ISerialLine line, TimeSpan replyTimeout)
{
    // The console's own line limit is 300 bytes; a longer run without a line end is noise (a wrong baud rate, a boot log).
    private const int MaxLineBytes = 1024;

    private readonly byte[] _read = new byte[256];
    private readonly List<byte> _pending = [];
    private int _noise;

    public ISerialLine Line => line;

    /// <summary>Drops whatever a previous session left in the line and checks that a console answers.</summary>
    public async Task<ConsoleReply> HelloAsync()
    {
        // A terminal may have left half a line in the device's buffer: an empty line ends it (blank lines get no answer).
        WriteText("\r\n");
        await Task.Delay(100).ConfigureAwait(false);
        while (line.Read(_read, 0, _read.Length, TimeSpan.FromMilliseconds(50)) > 0)
        {
        }

        _pending.Clear();
        return await SendAsync("help").ConfigureAwait(false);
    }

    public Task<ConsoleReply> SendAsync(string command)
    {
        WriteText(command + "\r\n");
        return ReadReplyAsync(command.Split(' ')[0]);
    }

    /// <summary>
    /// `abort` on a failure path: discards what this session staged. A line that fails too (the cable was pulled) must
    /// not hide the failure being reported, and the node drops staged edits on its own when the session ends.
    /// </summary>
    public async Task AbortQuietlyAsync()
    {
        try
        {
            await SendAsync("abort").ConfigureAwait(false);
        }
        catch (ProvisioningException)
        {
        }
    }

    /// <summary>`secret &lt;hex&gt;` without the secret ever being a string.</summary>
    public Task<ConsoleReply> SendSecretAsync(byte[] secret)
    {
        byte[] bytes = new byte[7 + (2 * secret.Length) + 2];
        try
        {
            Encoding.ASCII.GetBytes("secret ", 0, 7, bytes, 0);
            for (int i = 0; i < secret.Length; i++)
            {
                bytes[7 + (2 * i)] = Hex(secret[i] >> 4);
                bytes[8 + (2 * i)] = Hex(secret[i] & 0xF);
            }

            bytes[^2] = (byte)'\r';
            bytes[^1] = (byte)'\n';
            line.Write(bytes, 0, bytes.Length);
        }
        finally
        {
            Array.Clear(bytes);
        }

        return ReadReplyAsync("secret");
    }

    /// <summary>Raw bytes (an Improv packet) onto the line.</summary>
    public void WriteRaw(byte[] data) => line.Write(data, 0, data.Length);

    /// <summary>Reads raw bytes for up to <paramref name="timeout"/> (Improv answers); text already buffered comes first.</summary>
    public byte[] ReadRaw(TimeSpan timeout)
    {
        var bytes = new List<byte>(_pending);
        _pending.Clear();
        int count = line.Read(_read, 0, _read.Length, timeout);
        for (int i = 0; i < count; i++)
        {
            bytes.Add(_read[i]);
        }

        return [.. bytes];
    }

    private async Task<ConsoleReply> ReadReplyAsync(string command)
    {
        var details = new List<string>();
        DateTime until = DateTime.UtcNow + replyTimeout;
        _noise = 0;
        while (true)
        {
            string? text = NextLine();
            if (text is null)
            {
                TimeSpan left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw NoAnswer(command);
                }

                int count = line.Read(_read, 0, _read.Length, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
                for (int i = 0; i < count; i++)
                {
                    _pending.Add(_read[i]);
                }

                Array.Clear(_read, 0, count);
                if (_pending.Count > MaxLineBytes && !_pending.Contains((byte)'\n'))
                {
                    _noise += _pending.Count;
                    _pending.Clear();
                }

                await Task.Yield();
                continue;
            }

            if (text.StartsWith("- ", StringComparison.Ordinal))
            {
                details.Add(text[2..]);
            }
            else if (text == "ok" || text.StartsWith("ok ", StringComparison.Ordinal))
            {
                return new ConsoleReply(true, text.Length > 3 ? text[3..] : string.Empty, details);
            }
            else if (text == "error" || text.StartsWith("error ", StringComparison.Ordinal))
            {
                return new ConsoleReply(false, text.Length > 6 ? text[6..] : "(no reason given)", details);
            }
            else
            {
                // Anything else (an Improv packet, boot noise) is not an answer.
                _noise += text.Length + 1;
            }
        }
    }

    private ProvisioningException NoAnswer(string command) =>
        _noise == 0
            ? new ProvisioningException(ProvisioningStep.Port, $"no answer to '{command}' within {replyTimeout.TotalSeconds:0.#} s",
                "check the wiring (device TX to adapter RX, RX to TX, GND), the port and the baud rate; is the node powered?")
            : new ProvisioningException(ProvisioningStep.Port, $"no answer to '{command}' within {replyTimeout.TotalSeconds:0.#} s, only {_noise} bytes that are not console answers",
                "the baud rate is probably wrong (--baud, or --board with the node's board), or the node is not running the Millwright firmware");

    private string? NextLine()
    {
        int end = _pending.IndexOf((byte)'\n');
        if (end < 0)
        {
            return null;
        }

        byte[] bytes = [.. _pending.GetRange(0, end)];
        _pending.RemoveRange(0, end + 1);
        return Encoding.UTF8.GetString(bytes).TrimEnd('\r');
    }

    private void WriteText(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        line.Write(bytes, 0, bytes.Length);
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
