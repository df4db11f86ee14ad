using System;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Outbox;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Framing;

/// <summary>
/// The last steps of the sampling path (ARCHITECTURE.md §1): number a frame, encode and sign it (COSE_Mac0 with the
/// device message key), store it in the outbox; then sign and store a gap record, with a sequence number of its own,
/// for every range the outbox reports lost (overflow, flash damage). One instance, on the sampling thread. After
/// construction, <see cref="Append"/> allocates nothing.
/// </summary>
public sealed class FramePipeline
{
    private readonly SignedMessageWriter _writer;
    private readonly SequenceAllocator _sequences;
    private readonly OutboxLog _outbox;
    private readonly uint _bootCounter;
    private readonly byte[] _message = new byte[ProtocolLimits.MaxMessageBytes];
    private readonly GapRecord _gap = new GapRecord();
    private readonly OutboxLoss _loss = new OutboxLoss();

    public FramePipeline(byte[] deviceMessageKey, byte[] keyId, SequenceAllocator sequences, OutboxLog outbox, uint bootCounter)
    {
        if (sequences == null || outbox == null)
        {
            throw new ArgumentException("frame pipeline needs a sequence allocator and an outbox");
        }

        _writer = new SignedMessageWriter(deviceMessageKey, keyId);
        _sequences = sequences;
        _outbox = outbox;
        _bootCounter = bootCounter;
    }

    public OutboxLog Outbox
    {
        get { return _outbox; }
    }

    public SequenceAllocator Sequences
    {
        get { return _sequences; }
    }

    public uint BootCounter
    {
        get { return _bootCounter; }
    }

    public long FramesAppended { get; private set; }

    public long GapRecordsAppended { get; private set; }

    /// <summary>
    /// Boot-time wiring, in the order that keeps numbers unique: count the boot, recover the outbox, then continue
    /// numbering above both the reserved block on flash and the newest record in the outbox.
    /// </summary>
    public static FramePipeline Start(
        IRecordStore store, OutboxOptions options, int sequenceBlockSize, byte[] deviceMessageKey, byte[] keyId)
    {
        BootCounter boot = Framing.BootCounter.CountThisBoot(store);
        var outbox = new OutboxLog(store, options);
        var sequences = new SequenceAllocator(store, sequenceBlockSize, outbox.LastSequence);
        return new FramePipeline(deviceMessageKey, keyId, sequences, outbox, boot.Value);
    }

    /// <summary>
    /// Sets the frame's sequence number and boot counter, signs it and stores it (durable on return), then stores a gap
    /// record for each loss the outbox reports. The caller fills device id, time and samples. Returns the sequence number.
    /// </summary>
    public ulong Append(Frame frame)
    {
        // Encode before taking the number: a frame that cannot be encoded must not use one up without a gap record.
        ulong sequence = _sequences.Peek;
        frame.Sequence = sequence;
        frame.BootCounter = _bootCounter;
        int length = _writer.WriteFrame(frame, _message, 0);
        _sequences.Next();
        _outbox.Append(sequence, _message, 0, length);
        FramesAppended++;
        AppendGapRecords(frame);
        return sequence;
    }

    // A gap record takes the frame's device id and time: it is written at that tick.
    private void AppendGapRecords(Frame frame)
    {
        while (_outbox.PeekLoss(_loss))
        {
            _gap.DeviceId = frame.DeviceId;
            _gap.BootCounter = _bootCounter;
            _gap.Sequence = _sequences.Next();
            _gap.TimeMicros = frame.TimeMicros;
            _gap.TimeQuality = frame.TimeQuality;
            _gap.FirstDropped = _loss.FirstSequence;
            _gap.LastDropped = _loss.LastSequence;
            _gap.Reason = _loss.Reason;
            int length = _writer.WriteGap(_gap, _message, 0);
            _outbox.AppendLossRecord(_gap.Sequence, _message, 0, length);
            GapRecordsAppended++;
        }
    }
}
