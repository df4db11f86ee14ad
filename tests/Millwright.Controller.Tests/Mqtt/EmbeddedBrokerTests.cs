using MQTTnet;
using MQTTnet.Protocol;
using Millwright.Controller.Metrics;
using Millwright.Controller.Tests.Infrastructure;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;
using Microsoft.Extensions.DependencyInjection;

namespace Millwright.Controller.Tests.Mqtt;

/// <summary>The embedded broker of a real controller, with real MQTTnet clients over loopback TCP.</summary>
public sealed class EmbeddedBrokerTests : IAsyncLifetime
{
    private RunningController _controller = null!;
    private readonly TestDevice _press = new(RunningController.Plant, "press-01");
    private readonly TestDevice _mixer = new(RunningController.Plant, "mixer-01");

    public async ValueTask InitializeAsync()
    {
        _controller = await RunningController.StartAsync();
        await _controller.AddAsync(_press);
        await _controller.AddAsync(_mixer);
    }

    public ValueTask DisposeAsync() => _controller.DisposeAsync();

    [Fact]
    public async Task Wrong_password_unknown_device_and_mismatched_client_id_are_refused()
    {
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnect("press-01", "press-01", _mixer.Keys.MqttPassword));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnect("ghost-01", "ghost-01", _press.Keys.MqttPassword));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnect("other-client", "press-01", _press.Keys.MqttPassword));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnect("press-01", null, null));
        Assert.Equal(MqttClientConnectResultCode.Success, await TryConnect("press-01", "press-01", _press.Keys.MqttPassword));
    }

    [Fact]
    public async Task A_disabled_device_is_refused_and_disconnected()
    {
        await using DeviceConnection connected = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);

        using HttpClient http = _controller.Http(_controller.Token);
        // Disabling through the API also drops the live connection (the registry alone only refuses new logins).
        (await http.PostAsync(new Uri("/api/devices/press-01/disable", UriKind.Relative), null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => !connected.Client.IsConnected, "the disabled device's connection is dropped");
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, await TryConnect("press-01", "press-01", _press.Keys.MqttPassword));
    }

    [Fact]
    public async Task A_device_cannot_publish_to_another_devices_or_the_controllers_topics()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);
        await using DeviceConnection mixer = await DeviceConnection.ConnectAsync(_mixer, _controller.MqttPort);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await mixer.SubscribeAsync(_mixer.Topic(TopicKind.Command)));

        var denied = new[]
        {
            _mixer.FramesTopic,
            _mixer.Topic(TopicKind.Command),
            _mixer.AckTopic,
            _press.AckTopic,
            TopicNames.ControllerState(RunningController.Plant),
            "mw/v1/plant-b/press-01/frames",
            "anything/else",
        };
        foreach (string topic in denied)
        {
            MqttClientPublishResult result = await press.PublishAsync(topic, _press.Frame(1, DateTimeOffset.UtcNow));
            Assert.True(result.ReasonCode == MqttClientPublishReasonCode.NotAuthorized, $"publish to {topic}: {result.ReasonCode}");
        }

        MqttClientPublishResult own = await press.PublishFrameAsync(1, DateTimeOffset.UtcNow);
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        await press.WaitForAckAsync(1);
        // Nothing of the refused publishes reached the mixer's subscription or the store.
        Assert.DoesNotContain(mixer.Received, m => m.Topic == _mixer.Topic(TopicKind.Command));
        Assert.Equal(1, await _controller.Store.CountFramesAsync(TestContext.Current.CancellationToken));
        string metrics = _controller.Services.GetRequiredService<PrometheusTextExporter>().Render();
        Assert.Contains($"millwright_mqtt_denied_total{{action=\"publish\"}} {denied.Length}", metrics.Split('\n'));
    }

    [Fact]
    public async Task A_device_can_subscribe_only_to_its_own_ack_and_cmd_and_the_controller_state()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort, subscribeAck: false);

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await press.SubscribeAsync(_press.AckTopic));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await press.SubscribeAsync(_press.Topic(TopicKind.Command)));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await press.SubscribeAsync(TopicNames.ControllerState(RunningController.Plant)));
        foreach (string filter in new[] { _mixer.AckTopic, _mixer.Topic(TopicKind.Command), _mixer.FramesTopic, _press.FramesTopic, "mw/v1/plant-a/+/ack", "#" })
        {
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await press.SubscribeAsync(filter));
        }

        // MQTTnet refuses shared subscriptions before the ACL sees them; refused either way.
        Assert.Equal(MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported, await press.SubscribeAsync("$share/g/" + _press.AckTopic));
    }

    [Fact]
    public async Task Acks_go_only_to_their_device()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);
        await using DeviceConnection mixer = await DeviceConnection.ConnectAsync(_mixer, _controller.MqttPort);

        await press.PublishFrameAsync(1, DateTimeOffset.UtcNow);
        await press.WaitForAckAsync(1);
        await mixer.PublishFrameAsync(1, DateTimeOffset.UtcNow);
        await mixer.WaitForAckAsync(1);

        Assert.All(press.Received, m => Assert.Equal(_press.AckTopic, m.Topic));
        Assert.All(mixer.Received, m => Assert.Equal(_mixer.AckTopic, m.Topic));
    }

    [Fact]
    public async Task Controller_state_is_retained_online_while_running_and_offline_after_a_graceful_stop()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort, subscribeAck: false);
        string stateTopic = TopicNames.ControllerState(RunningController.Plant);

        await press.SubscribeAsync(stateTopic);
        await Eventually.TrueAsync(() => press.Received.Any(m => m.Topic == stateTopic), "the retained controller state");
        var online = press.Received.First(m => m.Topic == stateTopic);
        Assert.True(online.Retained);
        Assert.True(ControllerStateCodec.DecodeOnline(online.Payload, 0, online.Payload.Length));

        await _controller.StopAsync();

        await Eventually.TrueAsync(() => press.Received.Count(m => m.Topic == stateTopic) >= 2, "the offline state before the broker stops");
        var offline = press.Received.Last(m => m.Topic == stateTopic);
        Assert.False(ControllerStateCodec.DecodeOnline(offline.Payload, 0, offline.Payload.Length));
    }

    private async Task<MqttClientConnectResultCode> TryConnect(string clientId, string? username, string? password)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResult result = await client.ConnectAsync(DeviceConnection.Options(_controller.MqttPort, clientId, username, password), TestContext.Current.CancellationToken);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), TestContext.Current.CancellationToken);
        }

        return result.ResultCode;
    }
}
