using System.Text;
using Millwright.Controller.Provisioning;
using Millwright.Controller.Tests.Provisioning.Fakes;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>The console line protocol as the tool reads it: answers, detail lines, errors, silence and noise.</summary>
public sealed class ConsoleClientTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task An_ok_answer_with_detail_lines_before_it_is_one_reply()
    {
        var line = new ScriptedLine(_ => "- key-store pass\r\n- record-store pass 1024\r\nok selftest passed 2 checks\r\n");

        ConsoleReply reply = await new ConsoleClient(line, Short).SendAsync("selftest");

        Assert.True(reply.Ok);
        Assert.Equal("selftest passed 2 checks", reply.Text);
        Assert.Equal(["key-store pass", "record-store pass 1024"], reply.Details);
        Assert.Equal(["selftest"], line.Written);
    }

    [Theory]
    [InlineData("error unknown command 'x': try help\r\n", "unknown command 'x': try help")]
    [InlineData("error\r\n", "(no reason given)")]
    [InlineData("error usage: get <key>\n", "usage: get <key>")]
    public async Task An_error_line_is_a_failed_reply_with_its_reason(string answer, string reason)
    {
        ConsoleReply reply = await new ConsoleClient(new ScriptedLine(_ => answer), Short).SendAsync("x");

        Assert.False(reply.Ok);
        Assert.Equal(reason, reply.Text);
    }

    [Fact]
    public async Task An_answer_arriving_in_pieces_longer_than_one_read_is_put_together()
    {
        string pairs = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"k{i}=v{i}"));
        var line = new ScriptedLine(_ => null);
        var console = new ConsoleClient(line, TimeSpan.FromSeconds(5));
        Task<ConsoleReply> pending = console.SendAsync("status");
        foreach (byte[] piece in Encoding.ASCII.GetBytes($"ok {pairs} key-id=none\r\n").Chunk(7))
        {
            line.Send(piece);
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        ConsoleReply reply = await pending;

        Assert.Equal("v39", reply.Pairs()["k39"]);
        Assert.Equal(string.Empty, reply.Pairs()["key-id"]);
    }

    [Fact]
    public async Task Silence_is_reported_at_the_port_step_with_the_wiring_to_check()
    {
        var failure = await Assert.ThrowsAsync<ProvisioningException>(() => new ConsoleClient(new ScriptedLine(_ => null), Short).SendAsync("info"));

        Assert.Equal(ProvisioningStep.Port, failure.Step);
        Assert.Equal("no answer to 'info' within 0.4 s", failure.Message);
        Assert.Contains("TX", failure.Advice);
    }

    [Fact]
    public async Task A_device_that_sends_garbage_is_reported_as_a_likely_baud_rate_mismatch()
    {
        // What a UART reads at the wrong speed: bytes with no line end among them, more than a line can hold.
        byte[] noise = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 37 % 251 is 10 ? 0xFE : i * 37 % 251))];
        var line = new ScriptedLine(_ => null);
        line.Send(noise);

        var failure = await Assert.ThrowsAsync<ProvisioningException>(() => new ConsoleClient(line, Short).SendAsync("info"));

        Assert.Equal(ProvisioningStep.Port, failure.Step);
        Assert.Contains("bytes that are not console answers", failure.Message);
        Assert.Contains("baud rate", failure.Advice);
    }

    [Fact]
    public async Task Garbage_lines_and_an_improv_packet_before_the_answer_are_not_taken_for_it()
    {
        var line = new ScriptedLine(_ => "\u00ff\u00fe\u00fd\r\nets Jun  8 2016 00:22:57\r\nok device-id=press-1 key-id=none\r\n");
        line.Send([.. "IMPROV"u8.ToArray(), 1, 0x01, 1, 0x02, 0xE2, (byte)'\n']);

        ConsoleReply reply = await new ConsoleClient(line, Short).SendAsync("info");

        Assert.True(reply.Ok);
        Assert.Equal("press-1", reply.Pairs()["device-id"]);
    }

    [Fact]
    public async Task Hello_drops_what_an_earlier_session_left_on_the_line_before_it_asks()
    {
        var line = new ScriptedLine(command => command == "help" ? "ok commands: help info\r\n" : null);
        line.Send("ok staged changes discarded\r\nok left over\r\n");

        ConsoleReply reply = await new ConsoleClient(line, Short).HelloAsync();

        Assert.Equal("commands: help info", reply.Text);
    }

    [Fact]
    public async Task The_secret_goes_out_as_one_lower_case_hex_line_and_its_buffer_is_wiped()
    {
        byte[] secret = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];
        var line = new ScriptedLine(_ => "ok secret staged key-id=0011223344556677: commit to install, abort to discard\r\n");

        ConsoleReply reply = await new ConsoleClient(line, Short).SendSecretAsync(secret);

        Assert.True(reply.Ok);
        Assert.Equal("secret " + Convert.ToHexStringLower(secret), Assert.Single(line.Written));
        SecretScan.AssertAbsent(reply.Text, secret);
    }

    [Fact]
    public async Task Abort_on_a_failure_path_stays_quiet_when_the_line_is_dead()
    {
        var line = new ScriptedLine(_ => null);

        await new ConsoleClient(line, Short).AbortQuietlyAsync();

        Assert.Equal(["abort"], line.Written);
    }
}
