using Millwright.Firmware.Console;
using Millwright.Firmware.Health;

namespace Millwright.Firmware.Runtime;

/// <summary>The figures the console's <c>status</c> shows, from the same sources as health telemetry.</summary>
public sealed class RuntimeConsoleStatus : IConsoleStatusSource
{
    private readonly IOutboxGauge _outbox;
    private readonly HealthReporter _health;
    private readonly uint _bootCounter;

    /// <param name="outbox">Null when the outbox could not be opened (then 0).</param>
    /// <param name="health">Failed components.</param>
    /// <param name="bootCounter">This boot's number.</param>
    public RuntimeConsoleStatus(IOutboxGauge outbox, HealthReporter health, uint bootCounter)
    {
        _outbox = outbox;
        _health = health;
        _bootCounter = bootCounter;
    }

    public long OutboxDepth
    {
        get { return _outbox == null ? 0 : _outbox.Depth; }
    }

    public long OutboxDrops
    {
        get { return _outbox == null ? 0 : _outbox.Drops; }
    }

    public uint BootCounter
    {
        get { return _bootCounter; }
    }

    public string[] FailedComponents()
    {
        return _health.FailedComponents();
    }
}
