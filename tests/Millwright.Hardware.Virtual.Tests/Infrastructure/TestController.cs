using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Millwright.Protocol.Cbor;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>
/// A small controller built on the protocol library, as an MQTT client of the broker under test: it subscribes to
/// every device's frames, status and command results of its plant, keeps a <see cref="DeviceLedger"/> per device,
/// answers every record (new or duplicate) with a signed ack of the highest contiguous sequence (controller-messages
/// key), announces itself online (retained), and sends signed commands. Acks and commands are published from a task of
/// their own: publishing from inside MQTTnet's receive handler would wait for a PUBACK the blocked handler cannot read.
/// </summary>
internal sealed class TestController : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly string _plantId;
    private readonly ConcurrentDictionary<string, DeviceLedger> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, ulong), TaskCompletionSource<CommandResult>> _pendingCommands = new();
    private readonly Channel<(string Topic, byte[] Payload, bool Retain)> _outgoing = Channel.CreateUnbounded<(string, byte[], bool)>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _sender;
    private readonly ConcurrentDictionary<string, ulong> _nextCommandId = new(StringComparer.Ordinal);

    private TestController(IMqttClient client, string plantId)
    {
        _client = client;
        _plantId = plantId;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _sender = Task.Run(SendAsync);
    }

    public long AcksSent { get; private set; }

    /// <summary>Connects and subscribes; with <paramref name="tls"/> over TLS, trusting the test's own broker certificate.</summary>
    public static async Task<TestController> ConnectAsync(string host, int port, string plantId, string username, string password, bool tls = false)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var controller = new TestController(client, plantId);
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(username)
            .WithCredentials(username, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(options => options.UseTls(tls).WithCertificateValidationHandler(_ => true))
            .Build();
        MqttClientConnectResult result = await client.ConnectAsync(options, TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        MqttClientSubscribeResult subscribed = await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter($"mw/v1/{plantId}/+/frames", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter($"mw/v1/{plantId}/+/status", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter($"mw/v1/{plantId}/+/cmdack", MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            TestContext.Current.CancellationToken);
        Assert.All(subscribed.Items, item => Assert.True((int)item.ResultCode <= 2, $"subscription to {item.TopicFilter.Topic} refused: {item.ResultCode}"));
        controller.Enqueue(TopicNames.ControllerState(plantId), ControllerState(online: true), retain: true);
        return controller;
    }

    /// <summary>Registers a device the controller knows (its secret); records of unknown devices are ignored.</summary>
    public DeviceLedger Add(string deviceId, byte[] secret) => _devices.GetOrAdd(deviceId, id => new DeviceLedger(id, secret));

    public DeviceLedger Ledger(string deviceId) => _devices[deviceId];

    /// <summary>Signs and sends a command (next id for the device, not-after one minute ahead); the task ends with its signed result.</summary>
    public Task<CommandResult> SendCommandAsync(string deviceId, int actuatorId, CommandAction action, float value)
    {
        DeviceLedger ledger = _devices[deviceId];
        ulong id = _nextCommandId.AddOrUpdate(deviceId, 1, (_, last) => last + 1);
        var command = new Command
        {
            DeviceId = deviceId,
            CommandId = id,
            NotAfterMicros = NowMicros() + 60_000_000,
            ActuatorId = actuatorId,
            Action = action,
            Value = value,
        };
        byte[] buffer = new byte[ProtocolLimits.MaxMessageBytes];
        int length = new SignedMessageWriter(ledger.Keys.ControllerMessageKey, ledger.Keys.KeyId).WriteCommand(command, buffer, 0);
        var result = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingCommands[(deviceId, id)] = result;
        Enqueue(TopicNames.Build(_plantId, deviceId, TopicKind.Command), buffer[..length], retain: false);
        return result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await _sender;
        }
        catch (OperationCanceledException)
        {
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private static byte[] ControllerState(bool online)
    {
        byte[] buffer = new byte[64];
        var writer = new CborWriter(buffer);
        ControllerStateCodec.Encode(online, NowMicros(), writer);
        return buffer[..writer.Length];
    }

    private void Enqueue(string topic, byte[] payload, bool retain) => _outgoing.Writer.TryWrite((topic, payload, retain));

    // Publishes in order, without waiting for each PUBACK before the next message: a controller acking thousands of
    // frames a second cannot afford one round trip per ack.
    private async Task SendAsync()
    {
        var inFlight = new List<Task>();
        while (await _outgoing.Reader.WaitToReadAsync(_stopping.Token))
        {
            while (inFlight.Count < 256 && _outgoing.Reader.TryRead(out (string Topic, byte[] Payload, bool Retain) item))
            {
                MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                    .WithTopic(item.Topic)
                    .WithPayload(item.Payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithRetainFlag(item.Retain)
                    .Build();
                inFlight.Add(_client.PublishAsync(message, _stopping.Token));
            }

            try
            {
                await Task.WhenAll(inFlight);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The broker went away; the device resends what was not acked.
            }

            inFlight.Clear();
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        TopicAddress address;
        try
        {
            address = TopicNames.Parse(e.ApplicationMessage.Topic);
        }
        catch (Millwright.Protocol.ProtocolException)
        {
            return Task.CompletedTask;
        }

        if (address.DeviceId is null || !_devices.TryGetValue(address.DeviceId, out DeviceLedger? ledger))
        {
            return Task.CompletedTask;
        }

        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        switch (address.Kind)
        {
            case TopicKind.Frames:
                if (ledger.AcceptRecord(payload) is { } acked)
                {
                    SendAck(ledger, acked);
                }

                break;
            case TopicKind.Status:
                if (payload.Length > 0)
                {
                    ledger.AcceptStatus(payload);
                }

                break;
            case TopicKind.CommandResult:
                if (ledger.AcceptResult(payload) is { } result && _pendingCommands.TryRemove((ledger.DeviceId, result.CommandId), out var waiting))
                {
                    waiting.TrySetResult(result);
                }

                break;
        }

        return Task.CompletedTask;
    }

    private void SendAck(DeviceLedger ledger, ulong acked)
    {
        var ack = new Ack { DeviceId = ledger.DeviceId, AckedSequence = acked, ControllerTimeMicros = NowMicros() };
        byte[] buffer = new byte[ProtocolLimits.MaxMessageBytes];
        int length = new SignedMessageWriter(ledger.Keys.ControllerMessageKey, ledger.Keys.KeyId).WriteAck(ack, buffer, 0);
        AcksSent++;
        Enqueue(TopicNames.Build(_plantId, ledger.DeviceId, TopicKind.Ack), buffer[..length], retain: false);
    }
}
