using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Millwright.Protocol.Keys;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>
/// An MQTTnet 5 broker on a loopback port, checking logins as the controller's embedded broker does: a device logs in
/// with client id = username = its device id and the password derived from its secret
/// (KeyDerivation.DeriveMqttPassword); the test controller has a user of its own. Anything else is refused.
/// </summary>
internal sealed class EmbeddedTestBroker : IAsyncDisposable
{
    public const string ControllerUser = "test-controller";

    private readonly MqttServer _server;
    private readonly ConcurrentDictionary<string, string> _passwords = new(StringComparer.Ordinal);

    private EmbeddedTestBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
        _server.ValidatingConnectionAsync += Validate;
    }

    public int Port { get; }

    public string ControllerPassword { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public int RefusedLogins { get; private set; }

    /// <summary>Starts the broker on a free port: plain MQTT, or TLS only when a certificate (with its key) is given.</summary>
    public static async Task<EmbeddedTestBroker> StartAsync(X509Certificate2? tlsCertificate = null)
    {
        int port = FreePort.Get();
        MqttServerOptionsBuilder builder = new MqttServerOptionsBuilder();
        builder = tlsCertificate is null
            ? builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port)
            : builder.WithoutDefaultEndpoint().WithEncryptedEndpoint().WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                .WithEncryptedEndpointPort(port).WithEncryptionCertificate(tlsCertificate);
        MqttServerOptions options = builder.Build();
        var broker = new EmbeddedTestBroker(new MqttServerFactory().CreateMqttServer(options), port);
        await broker._server.StartAsync();
        return broker;
    }

    public void AddDevice(string deviceId, byte[] secret) => _passwords[deviceId] = KeyDerivation.DeriveMqttPassword(secret);

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }

    private Task Validate(ValidatingConnectionEventArgs e)
    {
        string? user = e.UserName;
        bool controller = user == ControllerUser && e.Password == ControllerPassword;
        bool device = user is not null && user == e.ClientId && _passwords.TryGetValue(user, out string? password) && password == e.Password;
        if (!controller && !device)
        {
            RefusedLogins++;
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        }

        return Task.CompletedTask;
    }
}
