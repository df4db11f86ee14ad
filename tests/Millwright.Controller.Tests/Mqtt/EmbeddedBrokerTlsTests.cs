using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Mqtt;

/// <summary>The embedded broker with a configured PKCS#12 certificate and the plain listener turned off.</summary>
public sealed class EmbeddedBrokerTlsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_device_delivers_over_tls_and_the_plain_port_is_closed()
    {
        string pfx = Path.Combine(Path.GetTempPath(), $"mw-test-{Guid.NewGuid():N}.pfx");
        using X509Certificate2 certificate = SelfSigned();
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "test-password"), Ct);
        int tlsPort = FreePort.Get();
        try
        {
            await using RunningController controller = await RunningController.StartAsync(
                "--mqtt-tls-certificate", pfx, "--Millwright:Mqtt:TlsCertificatePassword=test-password",
                "--mqtt-tls-port", tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--Millwright:Mqtt:RequireTls=true");
            var press = new TestDevice(RunningController.Plant, "press-01");
            await controller.AddAsync(press);

            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            string? seenThumbprint = null;
            MqttClientOptions options = DeviceConnection.Options(tlsPort, "press-01", "press-01", press.Keys.MqttPassword, builder =>
                builder.WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(e =>
                {
                    // Pin the test certificate instead of trusting a CA.
                    seenThumbprint = new X509Certificate2(e.Certificate).Thumbprint;
                    return seenThumbprint == certificate.Thumbprint;
                })));
            MqttClientConnectResult result = await client.ConnectAsync(options, Ct);
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            Assert.Equal(certificate.Thumbprint, seenThumbprint);

            var acked = new TaskCompletionSource();
            client.ApplicationMessageReceivedAsync += e =>
            {
                acked.TrySetResult();
                return Task.CompletedTask;
            };
            await client.SubscribeAsync(press.AckTopic, cancellationToken: Ct);
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(press.FramesTopic).WithPayload(press.Frame(1, DateTimeOffset.UtcNow))
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
            await acked.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

            using var plain = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(async () => await plain.ConnectAsync(IPAddress.Loopback, controller.MqttPort, Ct));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
