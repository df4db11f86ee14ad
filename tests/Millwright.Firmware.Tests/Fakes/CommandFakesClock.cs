using Millwright.Firmware.Hardware;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>A clock that moves only when the test says so: monotonic and wall time advance together.</summary>
public sealed class CommandFakeClock : IClock
{
    public const long SyncedEpochMicros = 1_764_000_000_000_000; // 2025-11-24T16:00:00Z

    public long MonotonicMicros { get; set; } = 1_000_000;

    public long UtcMicros { get; set; } = 5_000_000;

    public TimeQuality Quality { get; set; } = TimeQuality.Unsynced;

    public void SetUtc(long utcMicros, TimeQuality quality)
    {
        UtcMicros = utcMicros;
        Quality = quality;
    }

    public void Sync()
    {
        SetUtc(SyncedEpochMicros, TimeQuality.Sntp);
    }

    public void AdvanceMilliseconds(long milliseconds)
    {
        MonotonicMicros += milliseconds * 1000;
        UtcMicros += milliseconds * 1000;
    }
}
