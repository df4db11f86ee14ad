namespace Millwright.Firmware.Settings;

/// <summary>
/// The console names of the settings and their text form: parsing and checking one value into a set, and showing
/// one value. The Wi-Fi password is write-only: <see cref="Describe"/> only says whether it is set.
/// </summary>
public static class SettingsFields
{
    public const string DeviceId = "device-id";
    public const string PlantId = "plant-id";
    public const string WifiSsid = "wifi-ssid";
    public const string WifiPassword = "wifi-password";
    public const string BrokerHost = "broker-host";
    public const string BrokerPort = "broker-port";
    public const string BrokerTls = "broker-tls";
    public const string SamplePeriod = "sample-period-ms";

    /// <summary>Every key, in the order the console lists them.</summary>
    public static readonly string[] Keys =
    {
        DeviceId, PlantId, WifiSsid, WifiPassword, BrokerHost, BrokerPort, BrokerTls, SamplePeriod,
    };

    public static bool IsKnown(string key)
    {
        for (int i = 0; i < Keys.Length; i++)
        {
            if (Keys[i] == key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses and checks <paramref name="text"/> for <paramref name="key"/> and stores it in <paramref name="target"/>; returns null or the problem.</summary>
    public static string Apply(DeviceSettings target, string key, string text)
    {
        string problem;
        int number;
        switch (key)
        {
            case DeviceId:
                problem = SettingsValidator.CheckIdentifier(key, text);
                if (problem == null) { target.DeviceId = text; }
                return problem;
            case PlantId:
                problem = SettingsValidator.CheckIdentifier(key, text);
                if (problem == null) { target.PlantId = text; }
                return problem;
            case WifiSsid:
                problem = SettingsValidator.CheckSsid(text);
                if (problem == null) { target.WifiSsid = text; }
                return problem;
            case WifiPassword:
                problem = SettingsValidator.CheckWifiPassword(text);
                if (problem == null) { target.WifiPassword = text; }
                return problem;
            case BrokerHost:
                problem = SettingsValidator.CheckHost(text);
                if (problem == null) { target.BrokerHost = text; }
                return problem;
            case BrokerPort:
                if (!DecimalText.TryParse(text, out number))
                {
                    return SettingsValidator.CheckPort(0);
                }

                problem = SettingsValidator.CheckPort(number);
                if (problem == null) { target.BrokerPort = number; }
                return problem;
            case BrokerTls:
                if (text == "on" || text == "true")
                {
                    target.BrokerTls = true;
                    return null;
                }

                if (text == "off" || text == "false")
                {
                    target.BrokerTls = false;
                    return null;
                }

                return "broker-tls must be on or off";
            case SamplePeriod:
                if (!DecimalText.TryParse(text, out number))
                {
                    return SettingsValidator.CheckSamplePeriod(-1);
                }

                problem = SettingsValidator.CheckSamplePeriod(number);
                if (problem == null) { target.SamplePeriodMilliseconds = number; }
                return problem;
            default:
                return UnknownKey();
        }
    }

    /// <summary>The value of <paramref name="key"/> as the console shows it, or null when the key is unknown.</summary>
    public static string Describe(DeviceSettings settings, string key)
    {
        switch (key)
        {
            case DeviceId: return settings.DeviceId;
            case PlantId: return settings.PlantId;
            case WifiSsid: return settings.WifiSsid;
            case WifiPassword: return settings.WifiPassword.Length > 0 ? "(set, write-only)" : "(not set)";
            case BrokerHost: return settings.BrokerHost;
            case BrokerPort: return settings.BrokerPort.ToString();
            case BrokerTls: return settings.BrokerTls ? "on" : "off";
            case SamplePeriod: return settings.SamplePeriodMilliseconds.ToString();
            default: return null;
        }
    }

    public static string UnknownKey()
    {
        return "unknown setting: use one of device-id, plant-id, wifi-ssid, wifi-password, broker-host, broker-port, broker-tls, sample-period-ms";
    }
}
