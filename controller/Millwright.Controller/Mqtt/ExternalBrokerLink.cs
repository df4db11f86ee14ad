using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Millwright.Controller.Configuration;
using Millwright.Controller.Ingest;
using Millwright.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Millwright.Controller.Mqtt;

/// <summary>
/// The controller as an MQTT 5 client of an external broker (Mosquitto, EMQX, HiveMQ), which then enforces the
/// device logins and ACLs itself (see docs/mosquitto.md). Subscribes with QoS 1 to every device's frames, cmdack
/// and status topics of the plant — as an MQTT 5 shared subscription ($share/{group}/...) when a group is set, so
/// several controllers split the load. Registers the retained "offline" controller state as its Will, publishes
/// "online" after every connect and "offline" on a graceful stop, and reconnects on its own.
/// Back-pressure: a message is acknowledged to the broker only once it is in the <see cref="IngestChannel"/>, and
/// the broker keeps at most Receive Maximum unacknowledged messages in flight to us.
/// </summary>
public sealed partial class ExternalBrokerLink : IHostedService, IControllerLink, IAsyncDisposable
{
    private readonly ExternalBrokerOptions _options;
    private readonly string _plantId;
    private readonly IngestChannel _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<ExternalBrokerLink> _logger;
    private readonly IMqttClient _client;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _connectLoop;
    private int _disposed;

    public ExternalBrokerLink(
        IOptions<MqttOptions> options,
        IOptions<ControllerOptions> controller,
        IngestChannel queue,
        TimeProvider time,
        ILogger<ExternalBrokerLink> logger)
    {
        _options = options.Value.External;
        _plantId = controller.Value.PlantId;
        _queue = queue;
        _time = time;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += ReceiveAsync;
    }

    public bool IsConnected => _client.IsConnected;

    public string Description => $"external {_options.Host}:{_options.Port}";

    private string StateTopic => TopicNames.ControllerState(_plantId);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One attempt in the foreground so a reachable broker is connected when start completes; after that the
        // loop keeps trying (a broker that starts after the controller is normal).
        await TryConnectAsync(cancellationToken).ConfigureAwait(false);
        _connectLoop = Task.Run(() => KeepConnectedAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_connectLoop is not null)
        {
            await _connectLoop.ConfigureAwait(false);
        }

        if (_client.IsConnected)
        {
            await PublishAsync(StateTopic, ControllerStateMessage.Encode(false, _time.GetUtcNow()), retain: true, cancellationToken).ConfigureAwait(false);
            // A normal DISCONNECT: the broker discards the Will, the explicit offline above says it instead.
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task<bool> PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        try
        {
            MqttClientPublishResult result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            return result.IsSuccess;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            return false;
        }
    }

    /// <summary>The external broker owns the connections; disabling a device there is the broker's configuration.</summary>
    public Task DisconnectDeviceAsync(string deviceId) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // Reached twice: the container disposes it as itself and as the IControllerLink it also is.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _client.Dispose();
        _stopping.Dispose();
    }

    internal string[] SubscriptionFilters()
    {
        string prefix = string.IsNullOrEmpty(_options.SharedSubscriptionGroup) ? string.Empty : $"$share/{_options.SharedSubscriptionGroup}/";
        return
        [
            $"{prefix}{TopicNames.Prefix}{_plantId}/+/frames",
            $"{prefix}{TopicNames.Prefix}{_plantId}/+/cmdack",
            $"{prefix}{TopicNames.Prefix}{_plantId}/+/status",
        ];
    }

    private async Task KeepConnectedAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ReconnectDelay, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!_client.IsConnected)
            {
                await TryConnectAsync(stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task TryConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.ConnectAsync(BuildClientOptions(), cancellationToken).ConfigureAwait(false);
            MqttClientSubscribeOptionsBuilder subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (string filter in SubscriptionFilters())
            {
                subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            MqttClientSubscribeResult result = await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
            foreach (MqttClientSubscribeResultItem item in result.Items.Where(i => (int)i.ResultCode > 2))
            {
                LogSubscriptionRefused(item.TopicFilter.Topic, item.ResultCode.ToString());
            }

            await PublishAsync(StateTopic, ControllerStateMessage.Encode(true, _time.GetUtcNow()), retain: true, cancellationToken).ConfigureAwait(false);
            LogConnected(Description, _options.SharedSubscriptionGroup ?? "(none)");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or IOException or TimeoutException)
        {
            LogConnectFailed(Description, e.Message);
        }
    }

    private MqttClientOptions BuildClientOptions()
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithReceiveMaximum((ushort)_options.ReceiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(StateTopic)
            .WithWillPayload(ControllerStateMessage.Encode(false, _time.GetUtcNow()))
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder.WithCredentials(_options.Username, _options.Password ?? string.Empty);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (_options.AllowUntrustedCertificates)
                {
                    tls.WithCertificateValidationHandler(_ => true);
                }
            });
        }

        return builder.Build();
    }

    private async Task ReceiveAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Auto-acknowledged when this returns: the PUBACK leaves only after the message is queued (or refused).
        try
        {
            if (!await _queue.EnqueueAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, _stopping.Token).ConfigureAwait(false))
            {
                e.ReasonCode = MqttApplicationMessageReceivedReasonCode.ImplementationSpecificError;
            }
        }
        catch (OperationCanceledException)
        {
            e.ReasonCode = MqttApplicationMessageReceivedReasonCode.ImplementationSpecificError;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the {Broker} MQTT broker (shared subscription group {Group})")]
    private partial void LogConnected(string broker, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to the {Broker} MQTT broker, retrying: {Reason}")]
    private partial void LogConnectFailed(string broker, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker refused the subscription to '{Topic}': {Code}. Check its ACL for the controller's user.")]
    private partial void LogSubscriptionRefused(string topic, string code);
}
