using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Millwright.Controller.Configuration;
using Millwright.Controller.Devices;
using Millwright.Controller.Ingest;
using Millwright.Controller.Metrics;
using Millwright.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Millwright.Controller.Mqtt;

/// <summary>
/// The MQTTnet 5 broker inside the controller (the default). Devices log in with username = client id = device id
/// and their derived MQTT password; <see cref="TopicAcl"/> decides every publish and subscription; whatever a
/// device may publish goes straight to the <see cref="IngestChannel"/> (the broker routes it nowhere else: only the
/// controller reads device topics). The controller publishes by injecting messages, so it needs no login of its
/// own, and none exists. The retained controller state is "online" from start to graceful stop, then "offline";
/// a killed process takes the broker with it, so devices see their connection drop, which their fail-safe treats
/// like the offline state.
/// </summary>
public sealed partial class EmbeddedBroker : IHostedService, IControllerLink, IAsyncDisposable
{
    /// <summary>Sender id of injected messages. Not a valid device id ('$'), so no device can pose as it.</summary>
    internal const string ControllerSenderId = "$controller";

    private readonly MqttOptions _options;
    private readonly TopicAcl _acl;
    private readonly IDeviceKeyring _keyring;
    private readonly IngestChannel _queue;
    private readonly ConnectedDevices _connected;
    private readonly ControllerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<EmbeddedBroker> _logger;
    private MqttServer? _server;
    private X509Certificate2? _certificate;

    public EmbeddedBroker(
        IOptions<MqttOptions> options,
        IOptions<ControllerOptions> controller,
        IDeviceKeyring keyring,
        IngestChannel queue,
        ConnectedDevices connected,
        ControllerMetrics metrics,
        TimeProvider time,
        ILogger<EmbeddedBroker> logger)
    {
        _options = options.Value;
        _acl = new TopicAcl(controller.Value.PlantId);
        _keyring = keyring;
        _queue = queue;
        _connected = connected;
        _connected.FromBrokerEvents = true;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public bool IsConnected => _server?.IsStarted == true;

    public string Description => "embedded";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new MqttServerFactory().CreateMqttServer(BuildServerOptions());
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        _server.ClientConnectedAsync += e =>
        {
            _connected.Connected(e.ClientId);
            return Task.CompletedTask;
        };
        _server.ClientDisconnectedAsync += e =>
        {
            // A takeover's old connection reports after the new one connected: the device is still there.
            if (e.DisconnectType != MqttClientDisconnectType.Takeover)
            {
                _connected.Disconnected(e.ClientId);
            }

            return Task.CompletedTask;
        };

        await _server.StartAsync().ConfigureAwait(false);
        await PublishStateAsync(online: true, cancellationToken).ConfigureAwait(false);
        LogStarted(_options.BindAddress, _options.RequireTls ? "off" : _options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _certificate is null ? "off" : _options.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        MqttServer? server = _server;
        if (server is null || !server.IsStarted)
        {
            return;
        }

        await PublishStateAsync(online: false, cancellationToken).ConfigureAwait(false);
        await WaitForDeliveryAsync(server, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        var stop = new MqttServerStopOptionsBuilder()
            .WithDefaultClientDisconnectOptions(o => o.WithReasonCode(MqttDisconnectReasonCode.ServerShuttingDown))
            .Build();
        await server.StopAsync(stop).ConfigureAwait(false);
    }

    public async Task<bool> PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        MqttServer? server = _server;
        if (server is null || !server.IsStarted)
        {
            return false;
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        if (!retain && DeviceOf(topic) is { } deviceId)
        {
            return await DeliverToDeviceAsync(server, deviceId, message).ConfigureAwait(false);
        }

        await server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(message) { SenderClientId = ControllerSenderId }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// An ack or command goes straight into its device's session (client id = device id): MQTTnet's general dispatch
    /// checks every session's subscriptions for every message, which at 1,000 devices made each batch's acks cost
    /// a million subscription checks. Only the device itself may subscribe to its ack and cmd topics (the ACL), so
    /// the result is the same. False when the device has no session (not connected; it is acked on its next frame).
    /// </summary>
    private static async Task<bool> DeliverToDeviceAsync(MqttServer server, string deviceId, MqttApplicationMessage message)
    {
        MqttSessionStatus session;
        try
        {
            session = await server.GetSessionAsync(deviceId).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        return session.TryEnqueueApplicationMessage(message, out _);
    }

    /// <summary>The device of an ack or cmd topic, else null.</summary>
    private static string? DeviceOf(string topic)
    {
        try
        {
            TopicAddress address = TopicNames.Parse(topic);
            return address.Kind is TopicKind.Ack or TopicKind.Command ? address.DeviceId : null;
        }
        catch (Millwright.Protocol.ProtocolException)
        {
            return null;
        }
    }

    public async Task DisconnectDeviceAsync(string deviceId)
    {
        MqttServer? server = _server;
        if (server is null || !server.IsStarted)
        {
            return;
        }

        IList<MqttClientStatus> clients = await server.GetClientsAsync().ConfigureAwait(false);
        foreach (MqttClientStatus client in clients.Where(c => c.Id == deviceId))
        {
            await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized }).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            if (_server.IsStarted)
            {
                await _server.StopAsync().ConfigureAwait(false);
            }

            _server.Dispose();
            _server = null;
        }

        _certificate?.Dispose();
        _certificate = null;
    }

    private MqttServerOptions BuildServerOptions()
    {
        IPAddress address = IPAddress.Parse(_options.BindAddress);
        var builder = new MqttServerOptionsBuilder();
        if (_options.RequireTls)
        {
            builder.WithoutDefaultEndpoint();
        }
        else
        {
            builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(address).WithDefaultEndpointPort(_options.Port);
        }

        if (!string.IsNullOrWhiteSpace(_options.TlsCertificatePath))
        {
            _certificate = X509CertificateLoader.LoadPkcs12FromFile(_options.TlsCertificatePath, _options.TlsCertificatePassword);
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(address)
                .WithEncryptedEndpointPort(_options.TlsPort)
                .WithEncryptionCertificate(_certificate);
        }

        return builder.Build();
    }

    private Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        string? user = e.UserName;
        MqttLoginDecision decision = string.IsNullOrEmpty(user) || !string.Equals(e.ClientId, user, StringComparison.Ordinal)
            ? MqttLoginDecision.UnknownDevice
            : Check(user, e.Password);
        if (decision == MqttLoginDecision.Accepted)
        {
            return Task.CompletedTask;
        }

        e.ReasonCode = decision == MqttLoginDecision.Disabled ? MqttConnectReasonCode.NotAuthorized : MqttConnectReasonCode.BadUserNameOrPassword;
        _metrics.MqttDenied("connect");
        LogLoginRefused(Printable(user), Printable(e.ClientId), decision);
        return Task.CompletedTask;
    }

    private MqttLoginDecision Check(string deviceId, string password)
    {
        if (_keyring.ValidateMqttCredentials(deviceId, password))
        {
            return MqttLoginDecision.Accepted;
        }

        return _keyring.Find(deviceId, ReadOnlySpan<byte>.Empty).Status switch
        {
            KeyLookupStatus.UnknownDevice => MqttLoginDecision.UnknownDevice,
            KeyLookupStatus.DeviceDisabled => MqttLoginDecision.Disabled,
            _ => MqttLoginDecision.BadPassword,
        };
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == ControllerSenderId)
        {
            return;
        }

        string topic = e.ApplicationMessage.Topic;
        e.ProcessPublish = false;
        if (!_acl.MayPublish(e.ClientId, topic))
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            _metrics.MqttDenied("publish");
            if (_logger.IsEnabled(LogLevel.Debug))
            {
#pragma warning disable CA1873 // guarded by IsEnabled above
                LogPublishRefused(e.ClientId, Printable(topic));
#pragma warning restore CA1873
            }

            return;
        }

        try
        {
            if (!await _queue.EnqueueAsync(topic, e.ApplicationMessage.Payload, e.CancellationToken).ConfigureAwait(false))
            {
                e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
            }
        }
        catch (OperationCanceledException)
        {
            // The device's connection closed while its message waited for room; it was not taken, and the device
            // re-sends it (no ack came).
        }
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (!_acl.MaySubscribe(e.ClientId, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            _metrics.MqttDenied("subscribe");
            if (_logger.IsEnabled(LogLevel.Debug))
            {
#pragma warning disable CA1873 // guarded by IsEnabled above
                LogSubscriptionRefused(e.ClientId, Printable(e.TopicFilter.Topic));
#pragma warning restore CA1873
            }
        }

        return Task.CompletedTask;
    }

    private async Task PublishStateAsync(bool online, CancellationToken cancellationToken)
    {
        await PublishAsync(_acl.ControllerStateTopic, ControllerStateMessage.Encode(online, _time.GetUtcNow()), retain: true, cancellationToken)
            .ConfigureAwait(false);
    }

    // Gives the offline state a moment to reach connected devices before their connections close.
    private static async Task WaitForDeliveryAsync(MqttServer server, TimeSpan limit, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            IList<MqttSessionStatus> sessions = await server.GetSessionsAsync().ConfigureAwait(false);
            if (sessions.All(s => s.PendingApplicationMessagesCount == 0))
            {
                return;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Client-supplied text for a log line: bounded, without control characters.</summary>
    private static string Printable(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        string bounded = text.Length > 64 ? text[..64] + "…" : text;
        return string.Create(bounded.Length, bounded, (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}: plain port {Port}, TLS port {TlsPort}")]
    private partial void LogStarted(string address, string port, string tlsPort);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT login refused for user '{User}' (client id '{ClientId}'): {Decision}")]
    private partial void LogLoginRefused(string user, string clientId, MqttLoginDecision decision);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Publish by '{DeviceId}' to '{Topic}' refused by the topic ACL")]
    private partial void LogPublishRefused(string deviceId, string topic);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Subscription by '{DeviceId}' to '{Topic}' refused by the topic ACL")]
    private partial void LogSubscriptionRefused(string deviceId, string topic);
}
