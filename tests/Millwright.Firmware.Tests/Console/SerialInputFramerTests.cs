using System.Text;
using Millwright.Firmware.Console;

namespace Millwright.Firmware.Tests.Console;

public class SerialInputFramerTests
{
    [Theory]
    [InlineData("help\n")]
    [InlineData("help\r")]
    [InlineData("help\r\n")]
    public void Lines_end_at_cr_lf_or_crlf_and_a_crlf_ends_one_line_only(string input)
    {
        var bench = new ConsoleBench();

        string[] reply = bench.RunRaw(input + input);

        Assert.Equal(2, reply.Length);
        Assert.All(reply, line => Assert.StartsWith("ok commands:", line));
    }

    [Fact]
    public void Blank_lines_get_no_reply()
    {
        var bench = new ConsoleBench();

        Assert.Empty(bench.RunRaw("\r\n\n\r  \t \r\n"));
    }

    [Fact]
    public void Line_split_across_many_reads_and_updates_is_assembled()
    {
        var bench = new ConsoleBench();
        bench.Port.ReadChunk = 1;

        foreach (char c in "help\r\n")
        {
            bench.Port.Send(c.ToString());
            bench.Console.Update();
        }

        Assert.Single(ConsoleBench.Lines(bench.Port.TakeText()));
    }

    [Fact]
    public void Too_long_line_gets_one_error_and_the_next_line_works()
    {
        var bench = new ConsoleBench();

        string[] reply = bench.RunRaw(new string('s', 1000) + "\r\nhelp\r\n");

        Assert.Equal("error line longer than 300 bytes: ignored", reply[0]);
        Assert.StartsWith("ok commands:", reply[1]);
        Assert.Equal(2, reply.Length);
    }

    [Fact]
    public void Line_of_exactly_the_maximum_length_is_accepted()
    {
        var bench = new ConsoleBench();
        string line = "set wifi-ssid x" + new string(' ', SerialInputFramer.MaxLineBytes - "set wifi-ssid x".Length);

        Assert.Equal("error wifi-ssid must be at most 32 bytes of UTF-8 text without control characters", bench.Single(line));
    }

    [Fact]
    public void Update_reads_a_bounded_number_of_bytes_per_call()
    {
        var bench = new ConsoleBench();
        bench.Port.Send(string.Concat(Enumerable.Repeat("help\n", 300)));

        bench.Console.Update();

        Assert.Equal(1500 - ServiceConsole.MaxBytesPerUpdate, bench.Port.Pending);
    }

    [Fact]
    public void Idle_update_allocates_nothing()
    {
        var bench = new ConsoleBench();
        bench.Run("help");

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            bench.Console.Update();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Framer_reports_an_improv_packet_by_its_length_even_when_it_holds_cr_and_lf()
    {
        var framer = new SerialInputFramer();
        byte[] packet = [.. Encoding.ASCII.GetBytes("IMPROV"), 1, 3, 3, 0x0A, 0x0D, 0x0A, 0x00];
        packet[^1] = (byte)packet[..^1].Sum(b => b);

        var results = packet.Select(b => framer.Push(b, 0)).ToArray();

        Assert.All(results[..^1], r => Assert.Equal(SerialInput.None, r));
        Assert.Equal(SerialInput.ImprovPacket, results[^1]);
        Assert.Equal(packet, framer.Buffer[..framer.Length]);
    }

    [Fact]
    public void Improv_header_counts_only_at_the_start_of_a_line()
    {
        var framer = new SerialInputFramer();

        var results = Encoding.ASCII.GetBytes("xIMPROV\n").Select(b => framer.Push(b, 0)).ToArray();

        Assert.Equal(SerialInput.Line, results[^1]);
        Assert.Equal("xIMPROV", Encoding.ASCII.GetString(framer.Buffer, 0, framer.Length));
    }
}
