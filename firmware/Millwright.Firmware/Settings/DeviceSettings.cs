namespace Millwright.Firmware.Settings;

/// <summary>
/// What a technician sets over the service console (the secret is apart, in the key store). Plain data; the
/// settings store validates a whole set before it replaces the active one.
/// </summary>
public sealed class DeviceSettings
{
    public DeviceSettings()
    {
        DeviceId = string.Empty;
        PlantId = string.Empty;
        WifiSsid = string.Empty;
        WifiPassword = string.Empty;
        BrokerHost = string.Empty;
        BrokerPort = 1883;
        SamplePeriodMilliseconds = 0;
    }

    public string DeviceId { get; set; }

    public string PlantId { get; set; }

    public string WifiSsid { get; set; }

    public string WifiPassword { get; set; }

    public string BrokerHost { get; set; }

    public int BrokerPort { get; set; }

    public bool BrokerTls { get; set; }

    /// <summary>Overrides the board's default sampling period when above 0.</summary>
    public int SamplePeriodMilliseconds { get; set; }

    /// <summary>True when identity and broker are set, so the node can go online.</summary>
    public bool IsComplete
    {
        get { return DeviceId.Length > 0 && PlantId.Length > 0 && BrokerHost.Length > 0; }
    }

    public DeviceSettings Clone()
    {
        var copy = new DeviceSettings();
        copy.DeviceId = DeviceId;
        copy.PlantId = PlantId;
        copy.WifiSsid = WifiSsid;
        copy.WifiPassword = WifiPassword;
        copy.BrokerHost = BrokerHost;
        copy.BrokerPort = BrokerPort;
        copy.BrokerTls = BrokerTls;
        copy.SamplePeriodMilliseconds = SamplePeriodMilliseconds;
        return copy;
    }
}
