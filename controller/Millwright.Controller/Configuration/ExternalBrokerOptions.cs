namespace Millwright.Controller.Configuration;

/// <summary>The external broker the controller connects to as a client (configuration section "Millwright:Mqtt:External").</summary>
public sealed class ExternalBrokerOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>MQTT client id; with several controllers each needs its own.</summary>
    public string ClientId { get; set; } = "millwright-controller";

    public bool UseTls { get; set; }

    /// <summary>Accept a broker certificate that does not chain to a trusted root (a self-signed test broker).</summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>
    /// MQTT 5 shared subscription group: when set, the controller subscribes to $share/{group}/... so several
    /// controllers split the devices' messages between them. Empty = plain subscriptions (one controller).
    /// </summary>
    public string? SharedSubscriptionGroup { get; set; }

    /// <summary>
    /// MQTT 5 Receive Maximum: how many QoS 1 messages the broker may have in flight to the controller. This is the
    /// back-pressure window: when the ingest queue is full the controller stops acknowledging, so the broker stops
    /// sending after this many.
    /// </summary>
    public int ReceiveMaximum { get; set; } = 1000;

    /// <summary>Wait between reconnect attempts.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);
}
