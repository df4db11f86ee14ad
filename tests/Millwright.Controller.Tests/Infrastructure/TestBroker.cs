using System.Net;
using MQTTnet.Server;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>A plain MQTTnet broker (no logins, no ACL) on a loopback port, standing in for an external broker such
/// as Mosquitto in tests of the controller's external mode.</summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private TestBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    internal int Port { get; }

    internal static async Task<TestBroker> StartAsync()
    {
        int port = FreePort.Get();
        MqttServerOptions options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        MqttServer server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
        return new TestBroker(server, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }
}
