using Millwright.Protocol.Text;
using Millwright.Protocol.Topics;

namespace Millwright.Firmware.Settings;

/// <summary>
/// The rules every setting obeys, checked when a technician sets a value and again on the whole set before it is
/// stored. Each check returns null when the value is fine, otherwise a one-line message that names the setting by
/// its console key and states the rule (never the value: a rejected Wi-Fi password must not be echoed).
/// </summary>
public static class SettingsValidator
{
    /// <summary>IEEE 802.11: an SSID is at most 32 octets.</summary>
    public const int MaxSsidBytes = 32;

    /// <summary>RFC 1035 §2.3.4 / RFC 1123 §2.1: a host name is at most 253 characters, each label 1–63.</summary>
    public const int MaxHostLength = 253;

    public const int MinSamplePeriodMilliseconds = 100;

    public const int MaxSamplePeriodMilliseconds = 3600000;

    /// <summary>Device and plant ids: empty (not provisioned yet) or an id per <see cref="Identifiers"/>.</summary>
    public static string CheckIdentifier(string key, string value)
    {
        if (value.Length == 0 || Identifiers.IsValid(value))
        {
            return null;
        }

        return key + " must be 1-" + Identifiers.MaxLength.ToString() + " characters of a-z, 0-9, '-' or '_', starting with a letter or digit";
    }

    public static string CheckSsid(string value)
    {
        int bytes = Utf8.GetByteCount(value);
        if (bytes < 0 || bytes > MaxSsidBytes || HasControlCharacter(value))
        {
            return "wifi-ssid must be at most " + MaxSsidBytes.ToString() + " bytes of UTF-8 text without control characters";
        }

        return null;
    }

    /// <summary>IEEE 802.11i (WPA2-Personal): a passphrase of 8–63 printable ASCII characters, or 64 hex digits; empty for an open network.</summary>
    public static string CheckWifiPassword(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length == 64 && IsHex(value))
        {
            return null;
        }

        if (value.Length >= 8 && value.Length <= 63 && IsPrintableAscii(value))
        {
            return null;
        }

        return "wifi-password must be empty (open network), 8-63 printable ASCII characters, or 64 hex digits";
    }

    /// <summary>Empty, a host name (RFC 1123 §2.1) or a dotted IPv4 address.</summary>
    public static string CheckHost(string value)
    {
        if (value.Length == 0 || HostNameRules.IsValid(value))
        {
            return null;
        }

        return "broker-host must be a host name (labels of a-z, A-Z, 0-9 and '-', at most " + MaxHostLength.ToString() +
            " characters) or an IPv4 address";
    }

    public static string CheckPort(int value)
    {
        return value >= 1 && value <= 65535 ? null : "broker-port must be an integer from 1 to 65535";
    }

    public static string CheckSamplePeriod(int value)
    {
        if (value == 0 || (value >= MinSamplePeriodMilliseconds && value <= MaxSamplePeriodMilliseconds))
        {
            return null;
        }

        return "sample-period-ms must be 0 (board default) or from " + MinSamplePeriodMilliseconds.ToString() + " to " +
            MaxSamplePeriodMilliseconds.ToString();
    }

    /// <summary>Checks a whole set: every field, then the rules between fields. Returns the first problem or null.</summary>
    public static string Check(DeviceSettings settings)
    {
        if (settings == null)
        {
            return "settings are missing";
        }

        string problem = CheckIdentifier(SettingsFields.DeviceId, settings.DeviceId);
        if (problem == null) { problem = CheckIdentifier(SettingsFields.PlantId, settings.PlantId); }
        if (problem == null) { problem = CheckSsid(settings.WifiSsid); }
        if (problem == null) { problem = CheckWifiPassword(settings.WifiPassword); }
        if (problem == null) { problem = CheckHost(settings.BrokerHost); }
        if (problem == null) { problem = CheckPort(settings.BrokerPort); }
        if (problem == null) { problem = CheckSamplePeriod(settings.SamplePeriodMilliseconds); }
        if (problem == null && settings.WifiPassword.Length > 0 && settings.WifiSsid.Length == 0)
        {
            problem = "wifi-password is set but wifi-ssid is empty: set wifi-ssid too";
        }

        return problem;
    }

    private static bool HasControlCharacter(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] < ' ' || value[i] == (char)0x7f)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPrintableAscii(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] < ' ' || value[i] > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHex(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            {
                return false;
            }
        }

        return true;
    }
}
