using Millwright.Firmware.Hardware;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// A deterministic clock for the sampler, health and runtime tests: it moves only when the test advances it; monotonic
/// and wall time move together, and <see cref="SetUtc"/> steps only the wall clock, as SNTP does.
/// </summary>
public sealed class FakeClock : IClock
{
    /// <summary>2025-11-30T00:00:00Z in µs.</summary>
    public const long SyncedEpochMicros = 1_764_460_800_000_000;

    public FakeClock(long monotonicMicros = 0, long utcMicros = 0)
    {
        MonotonicMicros = monotonicMicros;
        UtcMicros = utcMicros;
    }

    public long MonotonicMicros { get; private set; }

    public long UtcMicros { get; private set; }

    public TimeQuality Quality { get; private set; } = TimeQuality.Unsynced;

    public int SetUtcCalls { get; private set; }

    public void SetUtc(long utcMicros, TimeQuality quality)
    {
        UtcMicros = utcMicros;
        Quality = quality;
        SetUtcCalls++;
    }

    public void Advance(long micros)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(micros);
        MonotonicMicros += micros;
        UtcMicros += micros;
    }

    public void AdvanceSeconds(double seconds) => Advance((long)(seconds * 1_000_000));

    /// <summary>Moves to an absolute monotonic time (never backwards).</summary>
    public void AdvanceTo(long monotonicMicros) => Advance(monotonicMicros - MonotonicMicros);
}
