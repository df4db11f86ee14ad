using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>A test device's real MQTT 5 connection (MQTTnet client): publishes signed messages with QoS 1 and
/// collects what arrives on its subscriptions (acks are verified and decoded).</summary>
internal sealed class DeviceConnection : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<(string Topic, byte[] Payload, bool Retained)> _received = new();

    private DeviceConnection(TestDevice device, IMqttClient client)
    {
        Device = device;
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
    }

    internal TestDevice Device { get; }

    internal IMqttClient Client => _client;

    internal IReadOnlyList<(string Topic, byte[] Payload, bool Retained)> Received => [.. _received];

    /// <summary>The acked sequence of every ack received so far, in arrival order.</summary>
    internal IReadOnlyList<ulong> Acks => [.. _received.Where(m => m.Topic == Device.AckTopic).Select(m => Device.ReadAck(m.Payload).AckedSequence)];

    internal ulong HighestAck => Acks.DefaultIfEmpty(0UL).Max();

    internal static MqttClientOptions Options(int port, string clientId, string? username, string? password, Action<MqttClientOptionsBuilder>? configure = null)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (username is not null)
        {
            builder.WithCredentials(username, password ?? string.Empty);
        }

        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Connects with the device's id and derived password and subscribes to its ack topic.</summary>
    internal static async Task<DeviceConnection> ConnectAsync(TestDevice device, int port, bool subscribeAck = true)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var connection = new DeviceConnection(device, client);
        MqttClientConnectResult result = await client.ConnectAsync(Options(port, device.DeviceId, device.DeviceId, device.Keys.MqttPassword), CancellationToken.None);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        if (subscribeAck)
        {
            await connection.SubscribeAsync(device.AckTopic);
        }

        return connection;
    }

    internal async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        MqttClientSubscribeResult result = await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), CancellationToken.None);
        return result.Items.Single().ResultCode;
    }

    internal async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain = false) =>
        await _client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build(),
            CancellationToken.None);

    internal Task<MqttClientPublishResult> PublishFrameAsync(long sequence, DateTimeOffset time) =>
        PublishAsync(Device.FramesTopic, Device.Frame(sequence, time));

    internal Task WaitForAckAsync(ulong sequence) =>
        Eventually.TrueAsync(() => HighestAck >= sequence, $"ack {sequence} for {Device.DeviceId} (highest so far {HighestAck})");

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
    }
}
