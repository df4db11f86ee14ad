using Millwright.Firmware.Settings;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Console;

public class ConsoleCommandTests
{
    [Fact]
    public void Help_lists_every_command()
    {
        var bench = new ConsoleBench();

        Assert.Equal("ok commands: help info status get set commit abort secret prove selftest reboot factory-reset", bench.Single("help"));
    }

    [Fact]
    public void Info_on_a_fresh_node_says_what_is_missing()
    {
        var bench = new ConsoleBench();

        Assert.Equal("ok device-id=none plant-id=none firmware=0.1.0 board=bench-board key-id=none staged=no", bench.Single("info"));
    }

    [Fact]
    public void Info_after_provisioning_shows_identity_and_key_id()
    {
        var bench = new ConsoleBench();
        bench.Provision();
        string keyId = Convert.ToHexStringLower(KeyDerivation.DeriveKeyId(ConsoleBench.Secret));

        Assert.Equal($"ok device-id=press-7 plant-id=plant-a firmware={FirmwareInfo.Version} board=bench-board key-id={keyId} staged=no", bench.Single("info"));
        bench.Single("set plant-id plant-b");
        Assert.EndsWith("staged=yes", bench.Single("info"));
    }

    [Fact]
    public void Status_reports_network_time_outbox_health_and_failures()
    {
        var bench = new ConsoleBench();
        bench.Network.IsConnected = true;
        bench.Clock.Sync();
        bench.Status.Failed = ["sensor adxl", "outbox"];

        string status = bench.Single("status");

        Assert.Equal(
            $"ok network=up ip=10.0.0.42 rssi=-61 time=sntp utc-us={bench.Clock.UtcMicros} uptime-s=1 free-memory=41234 " +
            "reset-reason=power-on outbox-depth=12 outbox-drops=0 boot=3 settings=ok failsafe=off failed=sensor_adxl,outbox",
            status);
    }

    [Fact]
    public void Status_without_optional_sources_says_unknown_and_flags_damaged_settings()
    {
        var bench = new ConsoleBench();
        bench.Flash.SetContent(SettingsStore.RecordName, [1, 2, 3, 4, 5, 6]);
        bench.Settings.Load();
        bench.Environment.Status = null!;
        bench.Environment.Actuators = null!;

        string status = bench.Single("status");

        Assert.Contains("network=down ip=none", status);
        Assert.Contains("time=unsynced", status);
        Assert.Contains("outbox-depth=unknown outbox-drops=unknown boot=unknown", status);
        Assert.Contains("settings=damaged failsafe=unknown failed=none", status);
    }

    [Fact]
    public void Set_get_commit_stores_the_settings_and_tells_the_firmware()
    {
        var bench = new ConsoleBench();

        Assert.Equal("ok device-id staged: commit to store, abort to discard", bench.Single("set device-id press-7"));
        Assert.Equal("ok broker-port staged: commit to store, abort to discard", bench.Single("set broker-port 8883"));
        Assert.Equal("ok broker-tls staged: commit to store, abort to discard", bench.Single("set broker-tls on"));
        Assert.Equal("ok sample-period-ms staged: commit to store, abort to discard", bench.Single("set sample-period-ms 250"));
        Assert.Equal("ok device-id press-7", bench.Single("get device-id"));
        Assert.Equal("", bench.Settings.Active.DeviceId);

        Assert.Equal("ok committed", bench.Single("commit"));

        Assert.Equal(1, bench.Listener.SettingsCommitted);
        var reloaded = new SettingsStore(bench.Flash);
        Assert.True(reloaded.Load());
        Assert.Equal("press-7", reloaded.Active.DeviceId);
        Assert.Equal(8883, reloaded.Active.BrokerPort);
        Assert.True(reloaded.Active.BrokerTls);
        Assert.Equal(250, reloaded.Active.SamplePeriodMilliseconds);
        Assert.Equal("ok broker-tls on", bench.Single("get broker-tls"));
        Assert.Equal("ok sample-period-ms 250", bench.Single("get sample-period-ms"));
        Assert.Empty(bench.Network.Configured);
    }

    [Fact]
    public void Values_keep_their_spaces_and_wifi_is_applied_on_commit()
    {
        var bench = new ConsoleBench();

        bench.Single("set wifi-ssid Shop Floor 2.4 GHz");
        bench.Single("set wifi-password " + ConsoleBench.WifiPassword);
        Assert.Equal("ok wifi-ssid Shop Floor 2.4 GHz", bench.Single("get wifi-ssid"));
        Assert.Equal("ok committed; wifi applied", bench.Single("commit"));

        Assert.Equal([("Shop Floor 2.4 GHz", ConsoleBench.WifiPassword)], bench.Network.Configured);
    }

    [Fact]
    public void Wifi_password_is_write_only()
    {
        var bench = new ConsoleBench();

        Assert.Equal("ok wifi-password (not set)", bench.Single("get wifi-password"));
        bench.Single("set wifi-password " + ConsoleBench.WifiPassword);

        Assert.Equal("ok wifi-password (set, write-only)", bench.Single("get wifi-password"));
        Assert.DoesNotContain("horse", bench.AllText());
    }

    [Fact]
    public void Abort_discards_staged_values()
    {
        var bench = new ConsoleBench();
        bench.Single("set device-id press-7");

        Assert.Equal("ok staged changes discarded", bench.Single("abort"));
        Assert.Equal("ok device-id ", bench.Single("get device-id"));
        Assert.Equal("ok nothing was staged", bench.Single("abort"));
        Assert.Equal("error nothing to commit: no setting was changed", bench.Single("commit"));
    }

    [Theory]
    [InlineData("set device-id Press 7", "error device-id must be 1-32 characters of a-z, 0-9, '-' or '_', starting with a letter or digit")]
    [InlineData("set broker-port 0", "error broker-port must be an integer from 1 to 65535")]
    [InlineData("set broker-port http", "error broker-port must be an integer from 1 to 65535")]
    [InlineData("set broker-host bad host", "error broker-host must be a host name (labels of a-z, A-Z, 0-9 and '-', at most 253 characters) or an IPv4 address")]
    [InlineData("set broker-tls maybe", "error broker-tls must be on or off")]
    [InlineData("set sample-period-ms 10", "error sample-period-ms must be 0 (board default) or from 100 to 3600000")]
    [InlineData("set wifi-password short", "error wifi-password must be empty (open network), 8-63 printable ASCII characters, or 64 hex digits")]
    [InlineData("set colour blue", "error unknown setting: use one of device-id, plant-id, wifi-ssid, wifi-password, broker-host, broker-port, broker-tls, sample-period-ms")]
    [InlineData("set", "error usage: set <key> <value>")]
    [InlineData("get", "error usage: get <key>")]
    [InlineData("get secret", "error unknown setting: use one of device-id, plant-id, wifi-ssid, wifi-password, broker-host, broker-port, broker-tls, sample-period-ms")]
    [InlineData("get device-id extra", "error usage: get <key>")]
    [InlineData("info now", "error info takes no argument")]
    [InlineData("commit please", "error commit takes no argument")]
    [InlineData("frobnicate", "error unknown command 'frobnicate': try help")]
    [InlineData("deadbeef", "error unknown command: try help")]
    [InlineData("\u00e9t\u00e9", "error unknown command: try help")]
    public void Invalid_input_gets_one_error_line_naming_the_problem(string line, string expected)
    {
        var bench = new ConsoleBench();

        Assert.Equal(expected, bench.Single(line));
        Assert.False(bench.Settings.Active.IsComplete);
    }

    [Fact]
    public void Commit_of_an_inconsistent_set_is_refused_and_the_stored_settings_are_unchanged()
    {
        var bench = new ConsoleBench();
        bench.Single("set wifi-password " + ConsoleBench.WifiPassword);

        Assert.Equal("error wifi-password is set but wifi-ssid is empty: set wifi-ssid too", bench.Single("commit"));
        Assert.False(bench.Flash.Exists(SettingsStore.RecordName));
    }

    [Fact]
    public void Failed_flash_write_on_commit_is_reported_and_changes_nothing()
    {
        var bench = new ConsoleBench();
        bench.Single("set device-id press-7");
        bench.Flash.FailReplaces = 1;

        Assert.StartsWith("error settings could not be stored", bench.Single("commit"));
        Assert.Equal("", bench.Settings.Active.DeviceId);
        Assert.Equal("ok committed", bench.Single("commit"));
    }

    [Fact]
    public void Invalid_utf8_in_a_value_is_refused()
    {
        var bench = new ConsoleBench();
        bench.Port.Send([.. "set wifi-ssid "u8.ToArray(), 0xC3, 0x28, (byte)'\n']);
        bench.Pump();

        Assert.Equal(["error line is not valid UTF-8"], ConsoleBench.Lines(bench.Port.TakeText()));
    }

    [Fact]
    public void Reboot_replies_then_reboots()
    {
        var bench = new ConsoleBench();

        Assert.Equal("ok rebooting", bench.Single("reboot"));
        Assert.Equal(1, bench.Health.RebootCount);
        bench.Single("set device-id x1");
        Assert.Equal("ok rebooting (staged changes discarded)", bench.Single("reboot"));
    }

    [Fact]
    public void Commands_are_case_insensitive_but_keys_are_not()
    {
        var bench = new ConsoleBench();

        Assert.StartsWith("ok commands:", bench.Single("HELP"));
        Assert.StartsWith("error unknown setting", bench.Single("get Device-ID"));
    }
}
