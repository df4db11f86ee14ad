using Millwright.Controller.Configuration;
using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol;
using Millwright.Protocol.Cbor;
using Millwright.Protocol.Cose;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;

namespace Millwright.Controller.Ingest;

/// <summary>
/// The verification stage, pure over a key lookup: topic → size → COSE structure → key by (topic device, kid) →
/// MAC → payload type for the topic → decode → payload device = topic device → key cut-over → plausible time.
/// Nothing is decoded before the MAC is checked (protocol §1). Duplicates and replays need the store and are
/// decided by the batch writer. One caller at a time: it reuses its parsers and decode buffers.
/// </summary>
public sealed class IngestVerifier
{
    private readonly string _plantId;
    private readonly IngestOptions _options;
    private readonly IDeviceKeyring _keys;
    private readonly CoseMac0Message _envelope = new();
    private readonly CborReader _reader = new([]);
    private readonly Frame _frame = new();
    private readonly Dictionary<(string DeviceId, int Generation), (byte[] Key, MessageVerifier Verifier)> _verifiers = [];

    public IngestVerifier(string plantId, IngestOptions options, IDeviceKeyring keys)
    {
        _plantId = plantId;
        _options = options;
        _keys = keys;
    }

    public async ValueTask<IngestItem> VerifyAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        TopicAddress topic;
        try
        {
            topic = TopicNames.Parse(message.Topic);
        }
        catch (ProtocolException e)
        {
            return Reject(message, null, QuarantineReason.BadTopic, e);
        }

        if (topic.PlantId != _plantId || topic.Kind is not (TopicKind.Frames or TopicKind.Status or TopicKind.CommandResult))
        {
            return Reject(message, topic.DeviceId, QuarantineReason.BadTopic, $"not a device→controller topic of plant '{_plantId}'");
        }

        string deviceId = topic.DeviceId;
        byte[] data = message.Payload;
        if (message.ReceivedLength > _options.MaxMessageBytes)
        {
            return Reject(message, deviceId, QuarantineReason.Oversize, $"{message.ReceivedLength} bytes, at most {_options.MaxMessageBytes} accepted", ProtocolError.MessageTooLarge);
        }

        try
        {
            if (topic.Kind == TopicKind.Status)
            {
                // A Will arrives as base64 text of the signed status (protocol §9); a birth as binary COSE.
                data = WillText.ToSigned(data);
            }

            _envelope.Parse(data, 0, data.Length);
            var keyId = new ReadOnlyMemory<byte>(data, _envelope.KeyIdOffset, _envelope.KeyIdLength);
            KeyLookup lookup = _keys.Find(deviceId, keyId.Span);
            if (lookup.Status is KeyLookupStatus.UnknownDevice or KeyLookupStatus.UnknownKey)
            {
                // A device added or rotated by another process (the CLI) shows up after a reload.
                lookup = await _keys.FindAsync(deviceId, keyId, cancellationToken).ConfigureAwait(false);
            }

            return VerifyWithLookup(message, topic, data, lookup);
        }
        catch (ProtocolException e)
        {
            return Reject(message, deviceId, QuarantineReasons.ForProtocolError(e.Error), e);
        }
    }

    private IngestItem VerifyWithLookup(ReceivedMessage message, TopicAddress topic, byte[] data, KeyLookup lookup)
    {
        string deviceId = topic.DeviceId;
        VerificationKey? key = lookup.Key;
        switch (lookup.Status)
        {
            case KeyLookupStatus.Found when key is not null:
                return VerifyWithKey(message, topic, data, key);
            case KeyLookupStatus.UnknownDevice:
                return Reject(message, deviceId, QuarantineReason.UnknownDevice, $"no device '{deviceId}' is registered");
            case KeyLookupStatus.DeviceDisabled:
                return Reject(message, deviceId, QuarantineReason.Disabled, $"device '{deviceId}' is disabled");
            case KeyLookupStatus.KeyRetired:
                return Reject(message, deviceId, QuarantineReason.KeyRetired, "signed with a key of a replaced node (an earlier sequence space)");
            default:
                return Reject(message, deviceId, QuarantineReason.UnknownKey, $"key id {Convert.ToHexStringLower(_envelope.CopyKeyId())} names no key of '{deviceId}'", ProtocolError.CoseUnknownKeyId);
        }
    }

    private IngestItem VerifyWithKey(ReceivedMessage message, TopicAddress topic, byte[] data, VerificationKey key)
    {
        string deviceId = topic.DeviceId;
        MessageType type = VerifierFor(key).Verify(data, 0, data.Length);
        MessageType expected = topic.Kind switch
        {
            TopicKind.Status => MessageType.Status,
            TopicKind.CommandResult => MessageType.CommandResult,
            _ => type == MessageType.Gap ? MessageType.Gap : MessageType.Frame,
        };
        if (type != expected)
        {
            return Reject(message, deviceId, QuarantineReason.TopicMismatch, $"a {type} message does not belong on the {TopicNames.KindName(topic.Kind)} topic", ProtocolError.MessageWrongType);
        }

        int offset = _envelope.PayloadOffset;
        int count = _envelope.PayloadLength;
        return type switch
        {
            MessageType.Frame => AcceptFrame(message, key, DecodeFrame(data, offset, count)),
            MessageType.Gap => AcceptFrame(message, key, GapRecordCodec.Decode(data, offset, count)),
            MessageType.Status => AcceptStatus(message, key, StatusCodec.Decode(data, offset, count)),
            _ => AcceptCommandResult(message, key, CommandResultCodec.Decode(data, offset, count)),
        };
    }

    private Frame DecodeFrame(byte[] data, int offset, int count)
    {
        _reader.Reset(data, offset, count);
        FrameCodec.DecodeInto(_reader, _frame);
        _reader.Finish();
        return _frame;
    }

    private IngestItem AcceptFrame(ReceivedMessage message, VerificationKey key, Frame frame)
    {
        var samples = new FrameSample[frame.SampleCount];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = new FrameSample(frame.ChannelIds[i], frame.OffsetsMicros[i], frame.Values[i]);
        }

        return CheckAndAccept(message, key, frame.DeviceId, frame.Sequence, frame.TimeMicros, frame.TimeQuality, new FrameToStore
        {
            DeviceId = key.DeviceId,
            Epoch = key.Epoch,
            KeyGeneration = key.Generation,
            Sequence = (long)frame.Sequence,
            BootCounter = frame.BootCounter,
            TimeMicros = frame.TimeMicros,
            TimeQuality = frame.TimeQuality,
            ReceivedAt = message.ReceivedAt,
            RawMessage = message.Payload,
            Kind = FrameKind.Readings,
            Samples = samples,
        });
    }

    private IngestItem AcceptFrame(ReceivedMessage message, VerificationKey key, GapRecord gap) =>
        CheckAndAccept(message, key, gap.DeviceId, gap.Sequence, gap.TimeMicros, gap.TimeQuality, new FrameToStore
        {
            DeviceId = key.DeviceId,
            Epoch = key.Epoch,
            KeyGeneration = key.Generation,
            Sequence = (long)gap.Sequence,
            BootCounter = gap.BootCounter,
            TimeMicros = gap.TimeMicros,
            TimeQuality = gap.TimeQuality,
            ReceivedAt = message.ReceivedAt,
            RawMessage = message.Payload,
            Kind = FrameKind.Gap,
            Gap = new GapDeclaration((long)gap.FirstDropped, (long)gap.LastDropped, (int)gap.Reason),
        });

    private IngestItem CheckAndAccept(
        ReceivedMessage message, VerificationKey key, string payloadDeviceId, ulong sequence, long timeMicros, TimeQuality quality, FrameToStore frame)
    {
        if (payloadDeviceId != key.DeviceId)
        {
            return Reject(message, key.DeviceId, QuarantineReason.TopicMismatch, $"payload device id '{payloadDeviceId}' differs from the topic's '{key.DeviceId}'");
        }

        if (!key.AcceptsSequence((long)sequence))
        {
            return Reject(message, key.DeviceId, QuarantineReason.KeyRetired, $"sequence {sequence} is at or beyond the cut-over {key.AcceptedBelowSequence} of key generation {key.Generation}");
        }

        string? skew = ClockSkew(message, timeMicros, quality);
        return skew is null ? new AcceptedFrame(message, frame, key) : Reject(message, key.DeviceId, QuarantineReason.ClockSkew, skew);
    }

    /// <summary>
    /// A synced device's time may run ahead of ours by at most MaxClockSkew and behind by at most MaxFrameAge (frames
    /// wait in the outbox during outages). Unsynced times count from an arbitrary start: they are accepted, and their
    /// time quality, stored with them, flags them.
    /// </summary>
    private string? ClockSkew(ReceivedMessage message, long timeMicros, TimeQuality quality)
    {
        if (quality == TimeQuality.Unsynced)
        {
            return null;
        }

        long nowMicros = (message.ReceivedAt - DateTimeOffset.UnixEpoch).Ticks / 10;
        long aheadMicros = timeMicros - nowMicros;
        if (aheadMicros > _options.MaxClockSkew.Ticks / 10)
        {
            return $"frame time is {TimeSpan.FromTicks(aheadMicros * 10):c} ahead of the controller (at most {_options.MaxClockSkew:c})";
        }

        if (-aheadMicros > _options.MaxFrameAge.Ticks / 10)
        {
            return $"frame time is {TimeSpan.FromTicks(-aheadMicros * 10):c} behind the controller (at most {_options.MaxFrameAge:c})";
        }

        return null;
    }

    private static IngestItem AcceptStatus(ReceivedMessage message, VerificationKey key, StatusMessage status)
    {
        if (status.DeviceId != key.DeviceId)
        {
            return Reject(message, key.DeviceId, QuarantineReason.TopicMismatch, $"payload device id '{status.DeviceId}' differs from the topic's '{key.DeviceId}'");
        }

        return new AcceptedStatus(message, new DeviceHealth
        {
            DeviceId = key.DeviceId,
            BootCounter = status.BootCounter,
            StatusTimeMicros = status.TimeMicros,
            TimeQuality = status.TimeQuality,
            ReceivedAt = message.ReceivedAt,
            Online = status.Online,
            FirmwareVersion = status.FirmwareVersion,
            Board = status.Board,
            Channels = status.Channels,
            UptimeSeconds = status.UptimeSeconds,
            FreeMemoryBytes = status.FreeMemoryBytes,
            Rssi = status.Rssi,
            OutboxDepth = status.OutboxDepth,
            OutboxDrops = status.OutboxDrops,
            ResetReason = status.ResetReason,
            FailedComponents = status.FailedComponents,
        });
    }

    private static IngestItem AcceptCommandResult(ReceivedMessage message, VerificationKey key, CommandResult result) =>
        result.DeviceId == key.DeviceId
            ? new AcceptedCommandResult(message, result)
            : Reject(message, key.DeviceId, QuarantineReason.TopicMismatch, $"payload device id '{result.DeviceId}' differs from the topic's '{key.DeviceId}'");

    private MessageVerifier VerifierFor(VerificationKey key)
    {
        (string, int) id = (key.DeviceId, key.Generation);
        byte[] deviceKey = key.Keys.DeviceMessageKey;
        if (_verifiers.TryGetValue(id, out (byte[] Key, MessageVerifier Verifier) cached) && ReferenceEquals(cached.Key, deviceKey))
        {
            return cached.Verifier;
        }

        var verifier = new MessageVerifier(deviceKey, key.KeyId);
        _verifiers[id] = (deviceKey, verifier);
        return verifier;
    }

    private static RejectedMessage Reject(ReceivedMessage message, string? deviceId, QuarantineReason reason, ProtocolException e) =>
        Reject(message, deviceId, reason, e.Message, e.Error);

    private static RejectedMessage Reject(
        ReceivedMessage message, string? deviceId, QuarantineReason reason, string detail, ProtocolError? error = null) =>
        new(message, new QuarantineEntry(message.Payload, message.Topic, message.ReceivedAt, reason, detail)
        {
            DeviceId = deviceId,
            ProtocolError = error,
            OriginalLength = message.ReceivedLength,
        });
}
