using Millwright.Controller.Provisioning;
using Millwright.Controller.Tests.Provisioning.Fakes;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>
/// The tool's side of Improv Wi-Fi serial (https://www.improv-wifi.com/serial/): its packets against bytes worked out by
/// hand from the spec, and how it reads the node's answers. The device side is tested in the firmware's ImprovSerialTests
/// and, over a real pseudo-terminal, in ImprovOverSerialTests.
/// </summary>
public sealed class ImprovWifiClientTests
{
    [Fact]
    public void A_packet_is_header_version_type_length_data_and_checksum_then_lf()
    {
        // 'I'+'M'+'P'+'R'+'O'+'V' = 0x1DD; + 1 + 3 + 2 + 2 + 0 = 0x1E5 → checksum 0xE5.
        Assert.Equal(Convert.FromHexString("494D50524F56" + "01" + "03" + "02" + "0200" + "E5" + "0A"), ImprovWifiClient.Packet(0x03, [0x02, 0x00]));
    }

    [Fact]
    public async Task The_wifi_rpc_carries_ssid_and_password_with_their_lengths_and_the_provisioned_state_ends_the_step()
    {
        var line = new ScriptedLine(_ => null);
        line.Answer = _ =>
        {
            line.Send(Packet(0x02, 0x00));
            line.Send(Packet(0x01, 0x03));
            line.Send(Packet(0x01, 0x04));
            return null;
        };

        string done = await new ImprovWifiClient(new ConsoleClient(line, TimeSpan.FromSeconds(1))).ProvisionAsync("ab", "12345678");

        // RPC 0x01, data length 12: ssid length 2, "ab", password length 8, "12345678".
        Assert.Equal(Convert.FromHexString("494D50524F56" + "01" + "03" + "0E" + "010C" + "02" + "6162" + "08" + "3132333435363738" + "6D"), Assert.Single(line.WrittenBytes));
        Assert.Equal("connected (Improv state provisioned)", done);
    }

    [Fact]
    public async Task Unable_to_connect_is_a_wifi_failure_that_says_the_old_wifi_stays()
    {
        var line = new ScriptedLine(_ => null);
        line.Answer = _ =>
        {
            line.Send(Packet(0x01, 0x03));
            line.Send(Packet(0x02, 0x03));
            return null;
        };

        var failure = await Assert.ThrowsAsync<ProvisioningException>(() => new ImprovWifiClient(new ConsoleClient(line, TimeSpan.FromSeconds(1))).ProvisionAsync("ab", "12345678"));

        Assert.Equal(ProvisioningStep.WiFi, failure.Step);
        Assert.Equal("Improv: the node reports unable to connect to the Wi-Fi", failure.Message);
        Assert.Contains("keeps its previous Wi-Fi", failure.Advice);
    }

    [Fact]
    public async Task A_node_that_does_not_speak_improv_is_reported_after_the_timeout()
    {
        var client = new ImprovWifiClient(new ConsoleClient(new ScriptedLine(_ => "error unknown command 'IMPROV': try help\r\n"), TimeSpan.FromSeconds(1)))
        {
            Timeout = TimeSpan.FromSeconds(1),
        };

        var failure = await Assert.ThrowsAsync<ProvisioningException>(() => client.ProvisionAsync("ab", "12345678"));

        Assert.Equal("Improv: no answer within 1 s", failure.Message);
    }

    /// <summary>A device-to-client packet, built here byte by byte.</summary>
    private static byte[] Packet(byte type, byte value)
    {
        byte[] body = [.. "IMPROV"u8.ToArray(), 1, type, 1, value];
        return [.. body, (byte)body.Sum(b => b), (byte)'\n'];
    }
}
