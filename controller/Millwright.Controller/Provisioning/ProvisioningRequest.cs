namespace Millwright.Controller.Provisioning;

/// <summary>What one node should become. <see cref="Secret"/> and <see cref="WifiPassword"/> come from files or standard
/// input, never from the command line.</summary>
public sealed class ProvisioningRequest
{
    public required string DeviceId { get; init; }

    public required string PlantId { get; init; }

    public required string BrokerHost { get; init; }

    public int BrokerPort { get; init; } = 1883;

    public bool BrokerTls { get; init; }

    /// <summary>Null: leave the node's Wi-Fi as it is.</summary>
    public string? WifiSsid { get; init; }

    public string? WifiPassword { get; init; }

    /// <summary>Set the Wi-Fi with Improv serial packets (stored by the node once it is connected) instead of the console.</summary>
    public bool WifiViaImprov { get; init; }

    public int? SamplePeriodMilliseconds { get; init; }

    /// <summary>A secret to use (imported into the registry); null: a new one is generated on this machine.</summary>
    public byte[]? Secret { get; init; }

    /// <summary>The given <see cref="Secret"/> is the one the node already holds: prove it, change no key.</summary>
    public bool KeepSecret { get; init; }

    /// <summary>The node replaces a registered one under the same id (new key, new epoch).</summary>
    public bool Replace { get; init; }

    /// <summary>Give the same node a new key (rotation) even when it holds the registry's current key.</summary>
    public bool Rotate { get; init; }

    /// <summary>Apply changes to a configured node without asking.</summary>
    public bool AssumeYes { get; init; }

    /// <summary>How long to wait for the node's first signed frame at the controller.</summary>
    public TimeSpan FirstFrameTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The console settings this request writes, in order (the Wi-Fi unless it goes by Improv).</summary>
    public IReadOnlyList<(string Key, string Value, bool Hidden)> Settings()
    {
        var settings = new List<(string, string, bool)>
        {
            ("device-id", DeviceId, false),
            ("plant-id", PlantId, false),
            ("broker-host", BrokerHost, false),
            ("broker-port", BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), false),
            ("broker-tls", BrokerTls ? "on" : "off", false),
        };
        if (WifiSsid is not null && !WifiViaImprov)
        {
            settings.Add(("wifi-ssid", WifiSsid, false));
            settings.Add(("wifi-password", WifiPassword ?? string.Empty, true));
        }

        if (SamplePeriodMilliseconds is { } period)
        {
            settings.Add(("sample-period-ms", period.ToString(System.Globalization.CultureInfo.InvariantCulture), false));
        }

        return settings;
    }
}
