using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Millwright.Controller.Configuration;
using Millwright.Controller.Metrics;
using Millwright.Controller.Mqtt;
using Millwright.Controller.Storage;
using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Topics;

namespace Millwright.Controller.Ingest;

/// <summary>
/// The storage stage: collects verified items until <see cref="IngestOptions.BatchSize"/> frames or
/// <see cref="IngestOptions.BatchMaxDelay"/>, stores the frames in ONE transaction, quarantines rejections and
/// store conflicts, keeps statuses, and only then — after the commit — publishes to every device in the batch an
/// ack with its highest contiguous durably stored sequence. A failed transaction acks nothing: the devices keep
/// those frames and re-send them, so a storage error costs time, never a reading.
/// </summary>
internal sealed partial class BatchWriter
{
    private readonly IngestOptions _options;
    private readonly string _plantId;
    private readonly IControllerStore _store;
    private readonly IControllerLink _link;
    private readonly ConnectedDevices _connected;
    private readonly ControllerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AckSigner _signer = new();
    private readonly IngestBatch _batch = new();

    internal BatchWriter(
        IngestOptions options,
        string plantId,
        IControllerStore store,
        IControllerLink link,
        ConnectedDevices connected,
        ControllerMetrics metrics,
        TimeProvider time,
        ILogger logger)
    {
        _options = options;
        _plantId = plantId;
        _store = store;
        _link = link;
        _connected = connected;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs until <paramref name="reader"/> completes (everything in it written) or cancellation.</summary>
    internal async Task RunAsync(ChannelReader<IngestItem> reader, CancellationToken cancellationToken)
    {
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await CollectAsync(reader, cancellationToken).ConfigureAwait(false);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CollectAsync(ChannelReader<IngestItem> reader, CancellationToken cancellationToken)
    {
        _batch.Clear();
        long deadline = Stopwatch.GetTimestamp() + (long)(_options.BatchMaxDelay.TotalSeconds * Stopwatch.Frequency);
        // Rejections and statuses ride along but do not fill the batch; the item cap bounds memory under a flood.
        int itemCap = _options.BatchSize * 4;
        while (_batch.Frames.Count < _options.BatchSize && _batch.Count < itemCap)
        {
            if (reader.TryRead(out IngestItem? item))
            {
                _batch.Add(item);
                continue;
            }

            TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(reader, remaining, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private static async Task<bool> WaitForMoreAsync(ChannelReader<IngestItem> reader, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        StoreFramesResult? stored = await StoreFramesAsync(cancellationToken).ConfigureAwait(false);
        await QuarantineAsync(cancellationToken).ConfigureAwait(false);
        await KeepStatusesAsync(cancellationToken).ConfigureAwait(false);
        foreach (AcceptedCommandResult result in _batch.CommandResults)
        {
            LogCommandResult(result.Result.DeviceId, result.Result.CommandId, result.Result.Outcome, result.Result.Detail);
        }

        if (stored is not null)
        {
            await PublishAcksAsync(stored, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StoreFramesResult?> StoreFramesAsync(CancellationToken cancellationToken)
    {
        if (_batch.Frames.Count == 0)
        {
            return null;
        }

        long started = Stopwatch.GetTimestamp();
        StoreFramesResult result;
        try
        {
            result = await _store.StoreFramesAsync(_batch.FramesToStore(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoreFailed(e, _batch.Frames.Count);
            return null;
        }

        _metrics.BatchCommitted(Stopwatch.GetElapsedTime(started));
        _metrics.FramesStored(result.StoredCount);
        _metrics.FramesDuplicate(result.DuplicateCount);
        for (int i = 0; i < result.Outcomes.Count; i++)
        {
            if (result.Outcomes[i].Status == FrameStoreStatus.Conflict)
            {
                // Same (device, epoch, sequence) as a stored frame, other bytes: not a re-send but a replay or a
                // forgery by a key holder (or a device that lost its counter, protocol §13 item 2). Never acked as
                // a duplicate: that would free a frame the controller does not hold.
                AcceptedFrame frame = _batch.Frames[i];
                _metrics.Rejected(QuarantineReason.Replay);
                _batch.Rejected.Add(new RejectedMessage(frame.Message, new QuarantineEntry(
                    frame.Message.Payload, frame.Message.Topic, frame.Message.ReceivedAt, QuarantineReason.Replay,
                    $"a different message with sequence {frame.Frame.Sequence} (epoch {frame.Frame.Epoch}) is already stored")
                {
                    DeviceId = frame.Frame.DeviceId,
                }));
                LogConflict(frame.Frame.DeviceId, frame.Frame.Epoch, frame.Frame.Sequence);
            }
        }

        return result;
    }

    private async Task QuarantineAsync(CancellationToken cancellationToken)
    {
        if (_batch.Rejected.Count == 0)
        {
            return;
        }

        try
        {
            await _store.QuarantineAsync(_batch.Rejected.ConvertAll(r => r.Entry), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogQuarantineFailed(e, _batch.Rejected.Count);
        }
    }

    private async Task KeepStatusesAsync(CancellationToken cancellationToken)
    {
        foreach (AcceptedStatus status in _batch.Statuses)
        {
            if (!_connected.FromBrokerEvents)
            {
                if (status.Health.Online)
                {
                    _connected.Connected(status.Health.DeviceId);
                }
                else
                {
                    _connected.Disconnected(status.Health.DeviceId);
                }
            }

            try
            {
                await _store.UpdateDeviceHealthAsync(status.Health, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStatusFailed(e, status.Health.DeviceId);
            }
        }
    }

    private async Task PublishAcksAsync(StoreFramesResult stored, CancellationToken cancellationToken)
    {
        // Sign with the generation that verified the device's newest frame here: that is the key the device holds
        // (after a rotation in the registry it keeps signing with the old one until it is re-provisioned).
        var signingKeys = new Dictionary<(string, int), VerificationKey>();
        foreach (AcceptedFrame frame in _batch.Frames)
        {
            (string, int) id = (frame.Key.DeviceId, frame.Key.Epoch);
            if (!signingKeys.TryGetValue(id, out VerificationKey? known) || known.Generation < frame.Key.Generation)
            {
                signingKeys[id] = frame.Key;
            }
        }

        DateTimeOffset now = _time.GetUtcNow();
        var publishes = new List<Task<bool>>(stored.Watermarks.Count);
        foreach (SequenceWatermark watermark in stored.Watermarks)
        {
            if (signingKeys.TryGetValue((watermark.DeviceId, watermark.Epoch), out VerificationKey? key))
            {
                byte[] ack = _signer.Sign(key, watermark.ContiguousSequence, now);
                publishes.Add(_link.PublishAsync(TopicNames.Build(_plantId, watermark.DeviceId, TopicKind.Ack), ack, retain: false, cancellationToken));
            }
        }

        bool[] sent = await Task.WhenAll(publishes).ConfigureAwait(false);
        foreach (bool ok in sent)
        {
            if (ok)
            {
                _metrics.AckSent();
            }
        }

        long ackedAt = Stopwatch.GetTimestamp();
        for (int i = 0; i < _batch.Frames.Count; i++)
        {
            if (stored.Outcomes[i].Status != FrameStoreStatus.Conflict)
            {
                _metrics.IngestLatency(Stopwatch.GetElapsedTime(_batch.Frames[i].Message.ReceivedTimestamp, ackedAt));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a batch of {Count} frames failed; nothing of it is acked, the devices will re-send")]
    private partial void LogStoreFailed(Exception e, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Quarantining {Count} rejected messages failed")]
    private partial void LogQuarantineFailed(Exception e, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keeping the status of '{DeviceId}' failed")]
    private partial void LogStatusFailed(Exception e, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device '{DeviceId}' sent a different message under stored epoch {Epoch} sequence {Sequence}: quarantined as a replay")]
    private partial void LogConflict(string deviceId, int epoch, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device '{DeviceId}' answered command {CommandId}: {Outcome} {Detail}")]
    private partial void LogCommandResult(string deviceId, ulong commandId, Millwright.Protocol.Messages.CommandOutcome outcome, string detail);
}
