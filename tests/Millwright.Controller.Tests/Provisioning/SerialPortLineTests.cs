using System.Diagnostics;
using System.Text;
using Millwright.Controller.Provisioning;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>
/// <see cref="SerialPortLine"/> over a real pseudo-terminal pair (socat), with every core busy. System.IO.Ports on Linux
/// loses the bytes its I/O thread reads into a read request whose timeout fires at that moment (a console answer went
/// missing in CI: "no answer to 'set'"); the line never lets a read time out inside System.IO.Ports. The race is too
/// narrow to force here: this test keeps bytes arriving around the reader's short waits and checks none is lost.
/// </summary>
[Collection("provisioning")]
public sealed class SerialPortLineTests
{
    [Fact]
    public async Task Every_byte_arrives_in_order_while_the_reader_keeps_timing_out_and_the_machine_is_busy()
    {
        await using PtyPair pair = await PtyPair.StartAsync();
        using var stop = new CancellationTokenSource();
        Thread[] busy = [.. Enumerable.Range(0, Environment.ProcessorCount * 2).Select(_ => new Thread(() => Spin(stop.Token)) { IsBackground = true })];
        try
        {
            foreach (Thread thread in busy)
            {
                thread.Start();
            }

            using SerialPortLine line = SerialPortLine.Open(pair.Tool, 115200);
            await using var node = new FileStream(pair.Device, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            const int Lines = 150;
            Task writer = Task.Run(async () =>
            {
                var random = new Random(7);
                for (int i = 0; i < Lines; i++)
                {
                    byte[] text = Encoding.ASCII.GetBytes($"ok line {i}\n");
                    await node.WriteAsync(text, TestContext.Current.CancellationToken);
                    await node.FlushAsync(TestContext.Current.CancellationToken);

                    // Around the reader's timeouts: some bytes arrive just as a wait ends.
                    await Task.Delay(random.Next(0, 60), TestContext.Current.CancellationToken);
                }
            }, TestContext.Current.CancellationToken);

            var received = new StringBuilder();
            byte[] buffer = new byte[64];
            var watch = Stopwatch.StartNew();
            while (Count(received, '\n') < Lines && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                int count = line.Read(buffer, 0, buffer.Length, TimeSpan.FromMilliseconds(1 + (watch.ElapsedMilliseconds % 20)));
                received.Append(Encoding.ASCII.GetString(buffer, 0, count));
            }

            await writer;
            string expected = string.Concat(Enumerable.Range(0, Lines).Select(i => $"ok line {i}\n"));
            Assert.Equal(expected, received.ToString());
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    [Fact]
    public async Task The_port_opens_with_the_boards_framing_and_refuses_one_the_console_cannot_use()
    {
        await using PtyPair pair = await PtyPair.StartAsync();

        using (SerialPortLine line = SerialPortLine.Open(pair.Tool, 57600, "8E2"))
        {
            Assert.Equal($"{pair.Tool} 57600 8E2", line.Description);
        }

        var refused = Assert.Throws<ArgumentException>(() => SerialPortLine.Open(pair.Tool, 115200, "7E1"));
        Assert.Contains("8 data bits, parity N, E or O, 1 or 2 stop bits", refused.Message, StringComparison.Ordinal);
    }

    private static void Spin(CancellationToken stop)
    {
        long x = 0;
        while (!stop.IsCancellationRequested)
        {
            x = unchecked((x * 31) + 1);
        }

        GC.KeepAlive(x);
    }

    private static int Count(StringBuilder text, char c)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            count += text[i] == c ? 1 : 0;
        }

        return count;
    }
}
