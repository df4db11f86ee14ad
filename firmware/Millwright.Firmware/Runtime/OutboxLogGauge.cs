using Millwright.Firmware.Health;
using Millwright.Firmware.Outbox;

namespace Millwright.Firmware.Runtime;

/// <summary>The outbox's depth and drops for health telemetry.</summary>
public sealed class OutboxLogGauge : IOutboxGauge
{
    private readonly OutboxLog _outbox;

    public OutboxLogGauge(OutboxLog outbox)
    {
        _outbox = outbox;
    }

    public long Depth
    {
        get { return _outbox.Depth; }
    }

    public long Drops
    {
        get { return _outbox.DroppedRecords; }
    }
}
