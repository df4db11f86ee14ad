using Millwright.Firmware.Settings;

namespace Millwright.Firmware.Tests.Settings;

public class SettingsValidationTests
{
    [Theory]
    [InlineData("device-id", "Press-7", "device-id must be 1-32 characters of a-z, 0-9, '-' or '_', starting with a letter or digit")]
    [InlineData("device-id", "-press", "device-id must be")]
    [InlineData("device-id", "press/7", "device-id must be")]
    [InlineData("device-id", "a23456789012345678901234567890123", "device-id must be 1-32")]
    [InlineData("plant-id", "plant a", "plant-id must be")]
    [InlineData("wifi-ssid", "a23456789012345678901234567890123", "wifi-ssid must be at most 32 bytes")]
    [InlineData("wifi-ssid", "ääääääääääääääääää", "wifi-ssid must be at most 32 bytes")]
    [InlineData("wifi-ssid", "tab\there", "without control characters")]
    [InlineData("wifi-password", "short", "wifi-password must be empty (open network), 8-63 printable ASCII characters, or 64 hex digits")]
    [InlineData("wifi-password", "päss wörd", "wifi-password must be")]
    [InlineData("wifi-password", "0123456789012345678901234567890123456789012345678901234567890123x", "wifi-password must be")]
    [InlineData("broker-host", "broker..local", "broker-host must be a host name")]
    [InlineData("broker-host", "-broker.local", "broker-host must be")]
    [InlineData("broker-host", "broker-.local", "broker-host must be")]
    [InlineData("broker-host", "broker_1.local", "broker-host must be")]
    [InlineData("broker-host", "10.0.0.300", "broker-host must be")]
    [InlineData("broker-host", "10.0.0", "broker-host must be")]
    [InlineData("broker-host", "10.0.0.010", "broker-host must be")]
    [InlineData("broker-host", "mqtt://broker", "broker-host must be")]
    [InlineData("broker-host", "broker:1883", "broker-host must be")]
    [InlineData("broker-port", "0", "broker-port must be an integer from 1 to 65535")]
    [InlineData("broker-port", "65536", "broker-port must be an integer from 1 to 65535")]
    [InlineData("broker-port", "-1", "broker-port must be")]
    [InlineData("broker-port", "18 83", "broker-port must be")]
    [InlineData("broker-port", "", "broker-port must be")]
    [InlineData("broker-port", "99999999999", "broker-port must be")]
    [InlineData("broker-tls", "yes please", "broker-tls must be on or off")]
    [InlineData("sample-period-ms", "99", "sample-period-ms must be 0 (board default) or from 100 to 3600000")]
    [InlineData("sample-period-ms", "3600001", "sample-period-ms must be")]
    [InlineData("sample-period-ms", "1e3", "sample-period-ms must be")]
    public void Invalid_value_is_refused_with_a_message_naming_the_key_and_the_rule(string key, string value, string expected)
    {
        var settings = new DeviceSettings();
        var before = settings.Clone();

        string? problem = SettingsFields.Apply(settings, key, value);

        Assert.NotNull(problem);
        Assert.StartsWith(key, problem);
        Assert.Contains(expected, problem);
        Assert.DoesNotContain(value.Length > 2 ? value : "\u0001", problem);
        SettingsStoreTests.AssertSame(before, settings);
    }

    [Theory]
    [InlineData("device-id", "press-7")]
    [InlineData("device-id", "")]
    [InlineData("device-id", "7_a")]
    [InlineData("plant-id", "a23456789012345678901234567890ab")]
    [InlineData("wifi-ssid", "")]
    [InlineData("wifi-ssid", "Shop Floor 2.4 GHz")]
    [InlineData("wifi-ssid", "a2345678901234567890123456789012")]
    [InlineData("wifi-password", "")]
    [InlineData("wifi-password", "12345678")]
    [InlineData("wifi-password", "~!@#$%^&*()_+ spaces are fine")]
    [InlineData("wifi-password", "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef")]
    [InlineData("broker-host", "")]
    [InlineData("broker-host", "localhost")]
    [InlineData("broker-host", "Broker-1.Plant-A.example")]
    [InlineData("broker-host", "192.168.1.10")]
    [InlineData("broker-host", "0.0.0.0")]
    [InlineData("broker-host", "1a.example")]
    [InlineData("broker-port", "1")]
    [InlineData("broker-port", "65535")]
    [InlineData("broker-tls", "on")]
    [InlineData("broker-tls", "false")]
    [InlineData("sample-period-ms", "0")]
    [InlineData("sample-period-ms", "100")]
    [InlineData("sample-period-ms", "3600000")]
    public void Valid_value_is_accepted_and_shown_back(string key, string value)
    {
        var settings = new DeviceSettings();

        Assert.Null(SettingsFields.Apply(settings, key, value));

        string shown = SettingsFields.Describe(settings, key);
        if (key == "wifi-password")
        {
            Assert.Equal(value.Length > 0 ? "(set, write-only)" : "(not set)", shown);
        }
        else if (key == "broker-tls")
        {
            Assert.Equal(value is "on" or "true" ? "on" : "off", shown);
        }
        else
        {
            Assert.Equal(value, shown);
        }
    }

    [Fact]
    public void Host_name_of_253_characters_is_accepted_and_254_refused()
    {
        string label = new('a', 63);
        string host253 = $"{label}.{label}.{label}.{new string('b', 61)}";
        Assert.Equal(253, host253.Length);

        Assert.Null(SettingsValidator.CheckHost(host253));
        Assert.NotNull(SettingsValidator.CheckHost(host253 + "c"));
        Assert.NotNull(SettingsValidator.CheckHost(new string('a', 64) + ".example"));
    }

    [Fact]
    public void Every_key_has_a_description_and_unknown_keys_have_none()
    {
        var settings = new DeviceSettings();
        foreach (string key in SettingsFields.Keys)
        {
            Assert.NotNull(SettingsFields.Describe(settings, key));
        }

        Assert.Null(SettingsFields.Describe(settings, "secret"));
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        byte[] data = "123456789"u8.ToArray();

        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }
}
