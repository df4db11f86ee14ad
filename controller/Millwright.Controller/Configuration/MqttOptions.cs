namespace Millwright.Controller.Configuration;

/// <summary>The MQTT side (configuration section "Millwright:Mqtt").</summary>
public sealed class MqttOptions
{
    public const string Section = "Millwright:Mqtt";

    public MqttMode Mode { get; set; } = MqttMode.Embedded;

    /// <summary>Embedded broker: the address its listeners bind to ("0.0.0.0" = every IPv4 interface).</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Embedded broker: plain TCP port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Embedded broker: TLS port, listening only when <see cref="TlsCertificatePath"/> is set.</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>Embedded broker: PKCS#12 (.pfx) file with the server certificate and its private key; empty = no TLS.</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsCertificatePassword { get; set; }

    /// <summary>Embedded broker: with a certificate, turn the plain listener off so every device must use TLS.</summary>
    public bool RequireTls { get; set; }

    /// <summary>The broker to connect to when <see cref="Mode"/> is External.</summary>
    public ExternalBrokerOptions External { get; set; } = new();
}
