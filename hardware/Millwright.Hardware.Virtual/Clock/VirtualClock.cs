using Millwright.Firmware.Hardware;
using Millwright.Protocol.Messages;

namespace Millwright.Hardware.Virtual.Clock;

/// <summary>
/// The node's two clocks on the virtual board. The monotonic clock is simulated: the board loop sets it before each
/// step to the deadline the previous step asked for (<see cref="AdvanceTo"/>), and it stands still during a step, as on a
/// fast chip. So sampling deadlines are met exactly and frames are stamped on the grid at any time scale, even when the
/// host is busy (the loop then catches up). The wall clock runs at real speed whatever the time scale, so the controller's
/// clock checks, ack times and command deadlines keep their meaning (docs/virtual-board.md, "Accelerated time").
/// </summary>
internal sealed class VirtualClock : IClock
{
    /// <summary>2000-01-01T00:00:00Z: where an unsynced wall clock starts counting.</summary>
    public const long UnsyncedEpochMicros = 946_684_800_000_000;

    private readonly Func<long> _hostUtcMicros;
    private long _monotonic;
    private long _utcOffset;

    public VirtualClock(UtcMode mode, Func<long> hostUtcMicros)
    {
        _hostUtcMicros = hostUtcMicros;
        if (mode == UtcMode.Host)
        {
            Quality = TimeQuality.Sntp;
        }
        else
        {
            Quality = TimeQuality.Unsynced;
            _utcOffset = UnsyncedEpochMicros - hostUtcMicros();
        }
    }

    public long MonotonicMicros => Volatile.Read(ref _monotonic);

    public long UtcMicros => _hostUtcMicros() + Volatile.Read(ref _utcOffset);

    public TimeQuality Quality { get; private set; }

    public static long HostUtcMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public void SetUtc(long utcMicros, TimeQuality quality)
    {
        Volatile.Write(ref _utcOffset, utcMicros - _hostUtcMicros());
        Quality = quality;
    }

    /// <summary>Moves the monotonic clock forward (never back) to <paramref name="monotonicMicros"/>.</summary>
    public void AdvanceTo(long monotonicMicros)
    {
        if (monotonicMicros > _monotonic)
        {
            Volatile.Write(ref _monotonic, monotonicMicros);
        }
    }
}
