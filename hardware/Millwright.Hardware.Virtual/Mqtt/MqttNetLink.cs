using System.Buffers;
using System.Threading.Channels;
using Millwright.Firmware.Hardware;
using MQTTnet;
using MQTTnet.Protocol;

namespace Millwright.Hardware.Virtual.Mqtt;

/// <summary>
/// <see cref="IMqttLink"/> over an MQTTnet 5 client (MQTT 5). Every call returns at once: connecting and disconnecting
/// run one after another on the link's own task and end as listener calls; <see cref="Publish"/> copies the payload,
/// hands it to the client and reports the PUBACK (or the failure) through <see cref="IMqttLinkListener.OnPublished"/>.
/// Listener calls come from MQTTnet's threads; the firmware's link event queue takes them. A
/// <see cref="Disconnect"/> is a clean DISCONNECT (no Will: the node is alive, its settings changed), and it abandons an
/// attempt still in progress, whose outcome is then not reported (the session has given up on it). <see cref="Abort"/>
/// is what a power cut or a reset does: the broker publishes the node's Will.
/// </summary>
internal sealed class MqttNetLink : IMqttLink, IDisposable
{
    /// <summary>Reason reported when no broker answered (name, socket or TLS failure), as the ESP32 binding does.</summary>
    public const int NoBrokerReason = -1;

    private readonly IMqttClient _client;
    private readonly Channel<LinkRequest> _requests = Channel.CreateUnbounded<LinkRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeSpan _communicationTimeout;
    private readonly Task _worker;
    private readonly object _attemptLock = new();
    private CancellationTokenSource _attempt = new();
    private IMqttLinkListener? _listener;
    private int _nextMessageId;
    private int _disposed;

    public MqttNetLink(TimeSpan communicationTimeout)
    {
        _communicationTimeout = communicationTimeout;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _worker = Task.Run(WorkAsync);
    }

    public bool IsConnected => _client.IsConnected;

    public long PublishFailures { get; private set; }

    public void SetListener(IMqttLinkListener listener) => Volatile.Write(ref _listener, listener);

    public void Connect(MqttConnectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _requests.Writer.TryWrite(new LinkRequest(settings, CurrentAttempt()));
    }

    public void Disconnect()
    {
        // Abandons the attempt in progress, if any; every request queued after this one gets a fresh token.
        lock (_attemptLock)
        {
            _attempt.Cancel();
            _attempt.Dispose();
            _attempt = new CancellationTokenSource();
        }

        _requests.Writer.TryWrite(new LinkRequest(null, CancellationToken.None));
    }

    public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        if (!_client.IsConnected)
        {
            return 0;
        }

        int id = NextMessageId();
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.AsSpan(offset, count).ToArray())
            .WithQualityOfServiceLevel(qos <= 0 ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        Task<MqttClientPublishResult> publish;
        try
        {
            publish = _client.PublishAsync(message, _stopping.Token);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
        {
            return 0;
        }

        if (qos > 0)
        {
            publish.ContinueWith(
                (task, state) => ((MqttNetLink)state!).Published(id, task.IsCompletedSuccessfully && task.Result.IsSuccess),
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        else
        {
            publish.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return id;
    }

    public void Subscribe(string topic, int qos)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        MqttClientSubscribeOptions options = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topic, qos <= 0 ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        // A refused or lost subscription shows as missing acks; the session resubscribes after the next reconnect.
        _client.SubscribeAsync(options, _stopping.Token)
            .ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>
    /// The node lost power or reset: the socket closes without any DISCONNECT packet, so the broker publishes the Will
    /// (MQTT 5 §3.1.2.5; a DISCONNECT with reason "with Will" is not honoured by every broker, a dropped connection is).
    /// </summary>
    public void Abort() => Dispose();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _requests.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            _worker.Wait(_communicationTimeout);
        }
        catch (AggregateException)
        {
            // The worker ends with the cancellation.
        }

        _client.Dispose();
        _stopping.Dispose();
        lock (_attemptLock)
        {
            _attempt.Dispose();
        }
    }

    private CancellationToken CurrentAttempt()
    {
        lock (_attemptLock)
        {
            return _attempt.Token;
        }
    }

    private int NextMessageId()
    {
        int id = Interlocked.Increment(ref _nextMessageId);
        return id > 0 ? id : Interlocked.Exchange(ref _nextMessageId, 1);
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (LinkRequest request in _requests.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (request.Connect is null)
                {
                    await CloseAsync().ConfigureAwait(false);
                    continue;
                }

                if (request.Cancel.IsCancellationRequested)
                {
                    continue;
                }

                await CloseAsync().ConfigureAwait(false);
                (bool accepted, int reason) = await OpenAsync(request.Connect, request.Cancel).ConfigureAwait(false);
                if (!request.Cancel.IsCancellationRequested)
                {
                    Volatile.Read(ref _listener)?.OnConnected(accepted, reason);
                }
                else if (accepted)
                {
                    await CloseAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task<(bool Accepted, int Reason)> OpenAsync(MqttConnectSettings settings, CancellationToken cancel)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, _stopping.Token);
        try
        {
            // MQTTnet 5 returns a refusal (bad credentials, not authorized...) as a result with its reason code.
            MqttClientConnectResult result = await _client.ConnectAsync(MqttConnectOptions.From(settings, _communicationTimeout), linked.Token).ConfigureAwait(false);
            return result.ResultCode == MqttClientConnectResultCode.Success ? (true, 0) : (false, (int)result.ResultCode);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or IOException
                                      or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException
                                      or InvalidOperationException)
        {
            return (false, NoBrokerReason);
        }
    }

    private async Task CloseAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            MqttClientDisconnectOptions normal = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build();
            using var timeout = new CancellationTokenSource(_communicationTimeout);
            await _client.DisconnectAsync(normal, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // The connection is gone either way; DisconnectedAsync has reported it.
        }
    }

    private void Published(int id, bool delivered)
    {
        if (!delivered)
        {
            PublishFailures++;
        }

        Volatile.Read(ref _listener)?.OnPublished(id, delivered);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        Volatile.Read(ref _listener)?.OnMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (e.ClientWasConnected)
        {
            Volatile.Read(ref _listener)?.OnDisconnected();
        }

        return Task.CompletedTask;
    }
}
