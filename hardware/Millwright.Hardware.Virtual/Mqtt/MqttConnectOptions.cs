using Millwright.Firmware.Hardware;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Millwright.Hardware.Virtual.Mqtt;

/// <summary>
/// One connection attempt of the firmware (<see cref="MqttConnectSettings"/>) as MQTTnet client options: MQTT 5, clean
/// start, client id = username = device id, the derived password, keep-alive, the Will (the signed death, retained,
/// QoS 1) and TLS checked against the node's CA.
/// </summary>
internal static class MqttConnectOptions
{
    public static MqttClientOptions From(MqttConnectSettings settings, TimeSpan communicationTimeout)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(settings.ClientId)
            .WithCredentials(settings.Username, settings.Password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(settings.KeepAliveSeconds))
            .WithTimeout(communicationTimeout);
        if (settings.WillTopic is not null && settings.WillPayload is not null)
        {
            // The payload is already the base64 text of the signed death (protocol WillText), as the board sends it.
            builder.WithWillTopic(settings.WillTopic)
                .WithWillPayload(settings.WillPayload)
                .WithWillRetain(settings.WillRetain)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        if (settings.UseTls)
        {
            Func<MqttClientCertificateValidationEventArgs, bool> check = BrokerCertificateCheck.For(settings.CaCertificatePem);
            builder.WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(check));
        }

        return builder.Build();
    }
}
