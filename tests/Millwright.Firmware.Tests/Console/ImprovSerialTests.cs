using System.Text;
using Millwright.Firmware.Console;
using Millwright.Firmware.Settings;

namespace Millwright.Firmware.Tests.Console;

/// <summary>
/// Improv Wi-Fi serial (https://www.improv-wifi.com/serial/). The expected packets are built here byte by byte, as
/// improv-wifi/sdk-serial-js sends and parses them, not with the firmware's writer.
/// </summary>
public class ImprovSerialTests
{
    private const string Ssid = "Shop Floor";

    /// <summary>A client-to-device RPC packet, exactly as sdk-serial-js writes it: header, type 3, length, [command, data length, data], checksum, LF.</summary>
    internal static byte[] Rpc(byte command, byte[] data)
    {
        byte[] body = [.. "IMPROV"u8.ToArray(), 1, 0x03, (byte)(data.Length + 2), command, (byte)data.Length, .. data];
        return [.. body, Sum(body), (byte)'\n'];
    }

    internal static byte[] WifiRpc(string ssid, string password)
    {
        byte[] s = Encoding.UTF8.GetBytes(ssid);
        byte[] p = Encoding.UTF8.GetBytes(password);
        return Rpc(0x01, [(byte)s.Length, .. s, (byte)p.Length, .. p]);
    }

    /// <summary>A device-to-client packet as sdk-serial-js expects it (the firmware adds LF after the checksum).</summary>
    private static byte[] Packet(byte type, params byte[] data)
    {
        byte[] body = [.. "IMPROV"u8.ToArray(), 1, type, (byte)data.Length, .. data];
        return [.. body, Sum(body), (byte)'\n'];
    }

    private static byte[] State(byte state) => Packet(0x01, state);

    private static byte[] Error(byte error) => Packet(0x02, error);

    private static byte[] RpcResult(byte command, params string[] strings)
    {
        List<byte> data = [];
        foreach (string s in strings)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(s);
            data.Add((byte)bytes.Length);
            data.AddRange(bytes);
        }

        return Packet(0x04, [command, (byte)data.Count, .. data]);
    }

    private static byte Sum(IEnumerable<byte> bytes) => (byte)bytes.Sum(b => b);

    private static byte[] Exchange(ConsoleBench bench, byte[] packet)
    {
        bench.Port.Send(packet);
        bench.Pump();
        return bench.Port.TakeBytes();
    }

    [Fact]
    public void Current_state_of_an_unprovisioned_node_is_ready()
    {
        var bench = new ConsoleBench();

        Assert.Equal(State(0x02), Exchange(bench, Rpc(0x02, [])));
    }

    [Fact]
    public void Known_answer_for_the_ready_state_packet()
    {
        var bench = new ConsoleBench();

        // 'I'+'M'+'P'+'R'+'O'+'V' = 0x1DD; + version 1 + type 1 + length 1 + state 2 = 0x1E2 → checksum 0xE2.
        Assert.Equal(Convert.FromHexString("494D50524F56010101" + "02" + "E2" + "0A"), Exchange(bench, Rpc(0x02, [])));
    }

    [Fact]
    public void Device_info_names_firmware_version_chip_and_device()
    {
        var bench = new ConsoleBench();

        Assert.Equal(RpcResult(0x03, "Millwright", FirmwareInfo.Version, "ESP32", "bench-board"), Exchange(bench, Rpc(0x03, [])));
        bench.Provision();
        Assert.Equal(RpcResult(0x03, "Millwright", FirmwareInfo.Version, "ESP32", "press-7"), Exchange(bench, Rpc(0x03, [])));
    }

    [Fact]
    public void Wifi_settings_are_applied_stored_once_connected_and_answered_per_spec()
    {
        var bench = new ConsoleBench();
        bench.Network.KnownNetworks[Ssid] = ConsoleBench.WifiPassword;

        byte[] reply = Exchange(bench, WifiRpc(Ssid, ConsoleBench.WifiPassword));

        Assert.Equal([.. Error(0x00), .. State(0x03), .. State(0x04), .. RpcResult(0x01)], reply);
        Assert.Equal([(Ssid, ConsoleBench.WifiPassword)], bench.Network.Configured);
        var stored = new SettingsStore(bench.Flash);
        Assert.True(stored.Load());
        Assert.Equal(Ssid, stored.Active.WifiSsid);
        Assert.Equal(ConsoleBench.WifiPassword, stored.Active.WifiPassword);
        Assert.Equal(1, bench.Listener.SettingsCommitted);
        Assert.Equal([.. State(0x04), .. RpcResult(0x02)], Exchange(bench, Rpc(0x02, [])));
    }

    [Fact]
    public void Wifi_that_does_not_connect_times_out_restores_the_old_network_and_stores_nothing()
    {
        var bench = new ConsoleBench();
        bench.Network.KnownNetworks["Old"] = "old password";
        bench.Single("set wifi-ssid Old");
        bench.Single("set wifi-password old password");
        bench.Single("commit");
        bench.Network.Configured.Clear();

        Assert.Equal([.. Error(0x00), .. State(0x03)], Exchange(bench, WifiRpc(Ssid, "wrong password")));
        Assert.Equal(ImprovSerial.StateProvisioning, bench.Console.ImprovState);

        bench.Clock.AdvanceMilliseconds(30_000);
        bench.Console.Update();
        Assert.Empty(bench.Port.TakeBytes());
        bench.Clock.AdvanceMilliseconds(1);
        bench.Console.Update();

        Assert.Equal([.. Error(0x03), .. State(0x04)], bench.Port.TakeBytes());
        Assert.Equal([("Shop Floor", "wrong password"), ("Old", "old password")], bench.Network.Configured);
        var stored = new SettingsStore(bench.Flash);
        Assert.True(stored.Load());
        Assert.Equal("Old", stored.Active.WifiSsid);
    }

    [Fact]
    public void Inside_a_session_with_staged_edits_the_wifi_is_proven_staged_and_stored_only_by_commit()
    {
        ConsoleBench bench = OnOldWifiWithAnEditStaged();

        byte[] reply = Exchange(bench, WifiRpc(Ssid, ConsoleBench.WifiPassword));

        Assert.Equal([.. Error(0x00), .. State(0x03), .. State(0x04), .. RpcResult(0x01)], reply);
        Assert.Equal([(Ssid, ConsoleBench.WifiPassword), ("Old", "old password")], bench.Network.Configured);
        Assert.Equal("Old", StoredSsid(bench));
        Assert.Equal(1, bench.Listener.SettingsCommitted);

        Assert.StartsWith("ok committed; wifi applied", bench.Single("commit"), StringComparison.Ordinal);
        Assert.Equal(Ssid, StoredSsid(bench));
        Assert.Equal("press-9", Stored(bench).DeviceId);
        Assert.Equal((Ssid, ConsoleBench.WifiPassword), bench.Network.Configured[^1]);
        Assert.Equal(2, bench.Listener.SettingsCommitted);
    }

    [Fact]
    public void Inside_a_session_an_abort_drops_the_improv_wifi_and_the_node_keeps_its_previous_network()
    {
        ConsoleBench bench = OnOldWifiWithAnEditStaged();
        Exchange(bench, WifiRpc(Ssid, ConsoleBench.WifiPassword));

        Assert.Equal("ok staged changes discarded", bench.Single("abort"));

        Assert.Equal("Old", StoredSsid(bench));
        Assert.Equal(("Old", "old password"), bench.Network.Configured[^1]);
        Assert.Equal("error nothing to commit: no setting was changed", bench.Single("commit"));
        Assert.Equal("Old", StoredSsid(bench));
    }

    private static ConsoleBench OnOldWifiWithAnEditStaged()
    {
        var bench = new ConsoleBench();
        bench.Network.KnownNetworks["Old"] = "old password";
        bench.Network.KnownNetworks[Ssid] = ConsoleBench.WifiPassword;
        bench.Single("set wifi-ssid Old");
        bench.Single("set wifi-password old password");
        bench.Single("commit");
        bench.Network.Configured.Clear();
        bench.Single("set device-id press-9");
        return bench;
    }

    private static string StoredSsid(ConsoleBench bench) => Stored(bench).WifiSsid;

    private static DeviceSettings Stored(ConsoleBench bench)
    {
        var stored = new SettingsStore(bench.Flash);
        Assert.True(stored.Load());
        return stored.Active;
    }

    [Fact]
    public void Packet_with_a_bad_checksum_is_refused_as_invalid_rpc_and_changes_nothing()
    {
        var bench = new ConsoleBench();
        byte[] packet = WifiRpc(Ssid, ConsoleBench.WifiPassword);
        packet[^2] ^= 0xFF;

        Assert.Equal(Error(0x01), Exchange(bench, packet));
        Assert.Empty(bench.Network.Configured);
        Assert.False(bench.Flash.Exists(SettingsStore.RecordName));
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x02 })]                     // ssid length beyond the data
    [InlineData(new byte[] { 0x00, 0x00 })]                     // empty ssid
    [InlineData(new byte[] { 0x01, (byte)'a', 0x05, (byte)'b' })] // password length beyond the data
    [InlineData(new byte[] { 0x01, (byte)'a', 0x03, (byte)'a', (byte)'b', (byte)'c' })] // password too short for WPA2
    [InlineData(new byte[] { 0x01, 0xFF, 0x00 })]               // ssid not UTF-8
    public void Malformed_or_invalid_wifi_settings_are_refused_as_invalid_rpc(byte[] data)
    {
        var bench = new ConsoleBench();

        Assert.Equal(Error(0x01), Exchange(bench, Rpc(0x01, data)));
        Assert.Empty(bench.Network.Configured);
    }

    [Fact]
    public void Inner_length_that_disagrees_with_the_packet_length_is_invalid()
    {
        var bench = new ConsoleBench();
        byte[] body = [.. "IMPROV"u8.ToArray(), 1, 0x03, 3, 0x02, 0x05, 0x00];

        Assert.Equal(Error(0x01), Exchange(bench, [.. body, Sum(body), (byte)'\n']));
    }

    [Fact]
    public void Wrong_version_or_a_device_side_packet_type_is_invalid()
    {
        var bench = new ConsoleBench();
        byte[] v2 = [.. "IMPROV"u8.ToArray(), 2, 0x03, 2, 0x02, 0x00];
        byte[] state = [.. "IMPROV"u8.ToArray(), 1, 0x01, 1, 0x02];

        Assert.Equal(Error(0x01), Exchange(bench, [.. v2, Sum(v2), (byte)'\n']));
        Assert.Equal(Error(0x01), Exchange(bench, [.. state, Sum(state), (byte)'\n']));
    }

    [Theory]
    [InlineData(0x04)] // request Wi-Fi networks: the interface cannot scan
    [InlineData(0x09)]
    public void Unsupported_rpc_is_answered_with_unknown_rpc(byte command)
    {
        var bench = new ConsoleBench();

        Assert.Equal(Error(0x02), Exchange(bench, Rpc(command, [])));
    }

    [Fact]
    public void Improv_packets_and_text_lines_interleave_on_one_port()
    {
        var bench = new ConsoleBench();
        bench.Port.Send("help\r\n");
        bench.Port.Send(Rpc(0x02, []));
        bench.Port.Send("info\n");
        bench.Port.Send(Rpc(0x03, []));

        bench.Pump();
        byte[] written = bench.Port.TakeBytes();

        byte[] expected =
        [
            .. Encoding.ASCII.GetBytes("ok commands: " + ConsoleCommands.CommandList + "\r\n"),
            .. State(0x02),
            .. Encoding.ASCII.GetBytes("ok device-id=none plant-id=none firmware=0.1.0 board=bench-board key-id=none staged=no\r\n"),
            .. RpcResult(0x03, "Millwright", FirmwareInfo.Version, "ESP32", "bench-board"),
        ];
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Packet_holding_lf_and_cr_bytes_is_read_by_its_length()
    {
        var bench = new ConsoleBench();
        string ssid = "ten chars!";           // length 10 = LF
        string password = "thirteen char";    // length 13 = CR
        bench.Network.KnownNetworks[ssid] = password;

        byte[] reply = Exchange(bench, WifiRpc(ssid, password));

        Assert.Equal([.. Error(0x00), .. State(0x03), .. State(0x04), .. RpcResult(0x01)], reply);
        Assert.Equal(ssid, bench.Settings.Active.WifiSsid);
    }

    [Fact]
    public void Abandoned_packet_is_dropped_after_a_second_and_text_works_again()
    {
        var bench = new ConsoleBench();
        byte[] packet = WifiRpc(Ssid, ConsoleBench.WifiPassword);
        bench.Port.Send(packet[..12]);
        bench.Pump();

        bench.Clock.AdvanceMilliseconds(1_001);
        bench.Console.Update();

        Assert.StartsWith("ok commands:", bench.Single("help"));
        Assert.Empty(bench.Network.Configured);
    }
}
