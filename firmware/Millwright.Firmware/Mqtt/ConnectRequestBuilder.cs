using Millwright.Firmware.Hardware;
using Millwright.Firmware.Settings;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Mqtt;

/// <summary>
/// Builds the settings of one connection attempt: client id and username = device id, password derived from the
/// device secret, TLS as configured, and the Will = our signed death status (as base64 text, see <see cref="WillText"/>),
/// retained on our status topic, so the broker marks the node offline when it vanishes. A new object per attempt: the link may keep it while it connects.
/// </summary>
public sealed class ConnectRequestBuilder
{
    private readonly DeviceSettings _settings;
    private readonly string _password;
    private readonly MqttSessionOptions _options;
    private readonly string _statusTopic;
    private readonly StatusMessageSigner _statusSigner;

    public ConnectRequestBuilder(DeviceSettings settings, DeviceKeys keys, MqttSessionOptions options, string statusTopic, StatusMessageSigner statusSigner)
    {
        _settings = settings;
        _password = keys.MqttPassword;
        _options = options;
        _statusTopic = statusTopic;
        _statusSigner = statusSigner;
    }

    public MqttConnectSettings Build()
    {
        var connect = new MqttConnectSettings();
        connect.Host = _settings.BrokerHost;
        connect.Port = _settings.BrokerPort;
        connect.UseTls = _settings.BrokerTls;
        connect.CaCertificatePem = _options.CaCertificatePem;
        connect.ClientId = _settings.DeviceId;
        connect.Username = _settings.DeviceId;
        connect.Password = _password;
        connect.KeepAliveSeconds = _options.KeepAliveSeconds;
        connect.WillTopic = _statusTopic;
        byte[] death = _statusSigner.WriteCopy(false);
        connect.WillPayload = WillText.Encode(death, 0, death.Length);
        connect.WillRetain = true;
        return connect;
    }
}
