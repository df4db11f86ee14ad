using System.Buffers;
using System.Diagnostics;
using Millwright.Protocol;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Millwright.Controller.Cli.Bench;

/// <summary>
/// A device as the controller sees it, built on the protocol library: signs frames of 6 channels, keeps each in an
/// in-memory outbox until a verified controller ack covers it, and sends the outbox in sequence order with a window of
/// frames in flight. After a reconnect, or when the oldest frame in flight has waited the ack timeout, it sends
/// everything unacked again from the last ack (go-back-N, as the firmware's FrameReplay does; protocol §7 rule 2).
/// One real MQTT 5 connection (MQTTnet) with the device's own login. Used by `millwright bench` and the crash tests.
/// </summary>
internal sealed class SimulatedDevice : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly SimulatedDeviceOptions _options;
    private readonly LatencyHistogram _latencies;
    private readonly SignedMessageWriter _writer;
    private readonly MessageVerifier _ackVerifier;
    private readonly Frame _frame;
    private readonly byte[] _buffer = new byte[ProtocolLimits.MaxMessageBytes];
    private readonly List<OutboxEntry?> _outbox = [];
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _connectOptions;
    private readonly string _framesTopic;
    private readonly string _ackTopic;
    private readonly long _ackTimeoutTicks;
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _head;
    private int _sent;
    private long _nextSequence = 1;
    private bool _online;
    private bool _closedLoop;
    private long _produced;
    private long _acked;
    private long _published;
    private long _resent;
    private long _timeouts;
    private long _dropped;
    private long _connects;
    private long _rejectedAcks;
    private long _publishFailures;
    private ulong _highestAck;

    internal SimulatedDevice(string host, int port, string plantId, string deviceId, byte[] secret, SimulatedDeviceOptions options, LatencyHistogram latencies)
    {
        DeviceId = deviceId;
        _options = options;
        _closedLoop = options.ClosedLoop;
        _latencies = latencies;
        var keys = new DeviceKeys(secret);
        _writer = new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId);
        _ackVerifier = new MessageVerifier(keys.ControllerMessageKey, keys.KeyId);
        _frame = new Frame(Math.Max(1, options.SamplesPerFrame)) { DeviceId = deviceId, BootCounter = 1, TimeQuality = TimeQuality.Sntp };
        _framesTopic = TopicNames.Build(plantId, deviceId, TopicKind.Frames);
        _ackTopic = TopicNames.Build(plantId, deviceId, TopicKind.Ack);
        _ackTimeoutTicks = (long)(options.AckTimeout.TotalSeconds * Stopwatch.Frequency);
        _connectOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, keys.MqttPassword)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += _ =>
        {
            _disconnected.TrySetResult();
            return Task.CompletedTask;
        };
    }

    internal string DeviceId { get; }

    internal bool Online
    {
        get
        {
            lock (_gate)
            {
                return _online;
            }
        }
    }

    /// <summary>Frames signed so far (sequence numbers 1..Produced).</summary>
    internal long Produced => Interlocked.Read(ref _produced);

    /// <summary>Frames freed from the outbox by acks.</summary>
    internal long Acked => Interlocked.Read(ref _acked);

    /// <summary>Frames waiting in the outbox (not yet covered by an ack).</summary>
    internal int Pending
    {
        get
        {
            lock (_gate)
            {
                return _outbox.Count - _head;
            }
        }
    }

    internal ulong HighestAck
    {
        get
        {
            lock (_gate)
            {
                return _highestAck;
            }
        }
    }

    internal DeviceCounters Counters => new(
        Produced, Acked, Interlocked.Read(ref _published), Interlocked.Read(ref _resent), Interlocked.Read(ref _timeouts),
        Interlocked.Read(ref _dropped), Interlocked.Read(ref _connects), Interlocked.Read(ref _rejectedAcks), Interlocked.Read(ref _publishFailures));

    /// <summary>Connects, and reconnects after every loss, until cancelled.</summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                MqttClientConnectResult result = await _client.ConnectAsync(_connectOptions, cancellationToken).ConfigureAwait(false);
                if (result.ResultCode == MqttClientConnectResultCode.Success)
                {
                    await _client.SubscribeAsync(
                        new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_ackTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                        cancellationToken).ConfigureAwait(false);
                    GoOnline();
                    await _disconnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Whatever broke the connection, a device tries again later.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            GoOffline();
            TimeSpan delay = _options.ReconnectDelay * (1 - (Random.Shared.NextDouble() / 2));
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        GoOffline();
    }

    /// <summary>Signs the next frame (time = <paramref name="time"/>), puts it in the outbox and sends what the window
    /// allows. False when the outbox is full (the frame is not made).</summary>
    internal bool Produce(DateTimeOffset time)
    {
        lock (_gate)
        {
            if (!ProduceLocked(time))
            {
                return false;
            }

            PumpLocked();
            return true;
        }
    }

    /// <summary>Resends everything unacked when the oldest frame in flight has waited the ack timeout.</summary>
    internal void CheckAckTimeout(long nowTimestamp)
    {
        lock (_gate)
        {
            if (_online && _sent > 0 && nowTimestamp - _outbox[_head]!.LastSent >= _ackTimeoutTicks)
            {
                _timeouts++;
                _sent = 0;
                PumpLocked();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Closing a connection that is already going away.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _client.Dispose();
    }

    private void GoOnline()
    {
        lock (_gate)
        {
            _online = true;
            _connects++;
            _sent = 0;
            if (_closedLoop)
            {
                FillClosedLoopLocked();
            }

            PumpLocked();
        }
    }

    /// <summary>Switches to closed loop (saturating load): from now on the outbox is kept at a full window.</summary>
    internal void Saturate()
    {
        lock (_gate)
        {
            _closedLoop = true;
            FillClosedLoopLocked();
            PumpLocked();
        }
    }

    private void GoOffline()
    {
        lock (_gate)
        {
            _online = false;
            _sent = 0;
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (e.ApplicationMessage.Topic != _ackTopic)
        {
            return Task.CompletedTask;
        }

        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        lock (_gate)
        {
            try
            {
                if (_ackVerifier.Verify(payload, 0, payload.Length) != MessageType.Ack)
                {
                    _rejectedAcks++;
                    return Task.CompletedTask;
                }

                Ack ack = AckCodec.Decode(payload, _ackVerifier.Message.PayloadOffset, _ackVerifier.Message.PayloadLength);
                if (ack.DeviceId != DeviceId)
                {
                    _rejectedAcks++;
                    return Task.CompletedTask;
                }

                AcknowledgeLocked(ack.AckedSequence);
            }
            catch (ProtocolException)
            {
                _rejectedAcks++;
            }
        }

        return Task.CompletedTask;
    }

    private void AcknowledgeLocked(ulong acked)
    {
        if (acked <= _highestAck)
        {
            return;
        }

        _highestAck = acked;
        long now = Stopwatch.GetTimestamp();
        int freed = 0;
        while (_head < _outbox.Count && (ulong)_outbox[_head]!.Sequence <= acked)
        {
            OutboxEntry entry = _outbox[_head]!;
            if (entry.FirstSent != 0)
            {
                _latencies.Record(entry.FirstSent, now);
            }

            _outbox[_head] = null;
            _head++;
            freed++;
        }

        _acked += freed;
        _sent = Math.Max(0, _sent - freed);
        if (_head > 1024 && _head * 2 > _outbox.Count)
        {
            _outbox.RemoveRange(0, _head);
            _head = 0;
        }

        if (_closedLoop)
        {
            FillClosedLoopLocked();
        }

        PumpLocked();
    }

    private void FillClosedLoopLocked()
    {
        while (_outbox.Count - _head < _options.Window && ProduceLocked(DateTimeOffset.UtcNow))
        {
        }
    }

    private bool ProduceLocked(DateTimeOffset time)
    {
        if (_outbox.Count - _head >= _options.MaxOutbox)
        {
            _dropped++;
            return false;
        }

        long sequence = _nextSequence++;
        _frame.Sequence = (ulong)sequence;
        _frame.TimeMicros = (time - DateTimeOffset.UnixEpoch).Ticks / 10;
        _frame.ClearSamples();
        for (int i = 0; i < _options.SamplesPerFrame; i++)
        {
            _frame.AddSample(i + 1, i * 1000, (float)(sequence % 1000) + (i / 8f));
        }

        int length = _writer.WriteFrame(_frame, _buffer, 0);
        _outbox.Add(new OutboxEntry(sequence, _buffer.AsSpan(0, length).ToArray()));
        _produced++;
        return true;
    }

    private void PumpLocked()
    {
        if (!_online)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        while (_sent < _options.Window && _head + _sent < _outbox.Count)
        {
            OutboxEntry entry = _outbox[_head + _sent]!;
            _sent++;
            if (entry.FirstSent == 0)
            {
                entry.FirstSent = now;
            }
            else
            {
                _resent++;
            }

            entry.LastSent = now;
            _published++;
            _ = PublishAsync(entry.Bytes);
        }
    }

    private async Task PublishAsync(byte[] payload)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(_framesTopic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            MqttClientPublishResult result = await _client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                Interlocked.Increment(ref _publishFailures);
            }
        }
#pragma warning disable CA1031 // A publish lost with the connection: the frame stays in the outbox and is sent again.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _publishFailures);
        }
    }

    private sealed class OutboxEntry(long sequence, byte[] bytes)
    {
        internal long Sequence { get; } = sequence;

        internal byte[] Bytes { get; } = bytes;

        internal long FirstSent { get; set; }

        internal long LastSent { get; set; }
    }
}
