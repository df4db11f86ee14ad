using System;
using Millwright.Firmware.Framing;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Outbox;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// What the node keeps on flash for its frames, opened at boot in the order that keeps sequence numbers unique (as
/// FramePipeline.Start does): count the boot, recover the outbox, then continue numbering above both the reservation
/// and the newest record. Independent of the secret, so a node provisioned later records into the same outbox.
/// </summary>
public sealed class NodeStorage
{
    private readonly IRecordStore _store;
    private readonly NodeRuntimeOptions _options;

    public NodeStorage(IRecordStore store, NodeRuntimeOptions options)
    {
        _store = store;
        _options = options;
    }

    public bool IsOpen { get; private set; }

    /// <summary>This boot's number (0 when the flash could not be read).</summary>
    public uint BootCounter { get; private set; }

    public OutboxLog Outbox { get; private set; }

    public SequenceAllocator Sequences { get; private set; }

    /// <summary>Depth and drops for health; null while not open.</summary>
    public OutboxLogGauge Gauge { get; private set; }

    /// <summary>Opens everything; returns null, or what went wrong (the node then runs without recording).</summary>
    public string Open()
    {
        try
        {
            BootCounter = Framing.BootCounter.CountThisBoot(_store).Value;
            Outbox = new OutboxLog(_store, _options.Outbox);
            Sequences = new SequenceAllocator(_store, _options.SequenceBlockSize, Outbox.LastSequence);
            Gauge = new OutboxLogGauge(Outbox);
            IsOpen = true;
            return null;
        }
        catch (Exception e)
        {
            Outbox = null;
            Sequences = null;
            Gauge = null;
            return "flash could not be opened: " + e.Message;
        }
    }
}
