namespace Millwright.Firmware.Hardware;

/// <summary>Everything one connection attempt needs, including the Will (our death status message).</summary>
public sealed class MqttConnectSettings
{
    public string Host { get; set; }

    public int Port { get; set; }

    public bool UseTls { get; set; }

    /// <summary>PEM of the CA that signed the broker's certificate (null: the board's default trust).</summary>
    public string CaCertificatePem { get; set; }

    public string ClientId { get; set; }

    public string Username { get; set; }

    public string Password { get; set; }

    public int KeepAliveSeconds { get; set; }

    public string WillTopic { get; set; }

    public byte[] WillPayload { get; set; }

    public bool WillRetain { get; set; }
}
