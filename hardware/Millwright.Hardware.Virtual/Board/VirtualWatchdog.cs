using System.Diagnostics;
using Millwright.Firmware.Hardware;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>
/// The hardware watchdog, counted in real time: the firmware's timeout (a simulated duration) is divided by the time
/// scale, so an accelerated board is reset when its loop stalls for the same real time as a board at scale 1 — a busy
/// host does not reset boards because simulated time runs fast. The board loop asks <see cref="HasExpired"/> after every
/// step; a loop that never comes back from a step is caught by the process's own supervision (docs/virtual-board.md).
/// </summary>
internal sealed class VirtualWatchdog : IWatchdog
{
    private readonly double _scale;
    private long _timeoutTicks;
    private long _lastFeed;

    public VirtualWatchdog(double scale)
    {
        _scale = scale;
    }

    public bool IsStarted { get; private set; }

    public long Feeds { get; private set; }

    public void Start(int timeoutMilliseconds)
    {
        _timeoutTicks = (long)(timeoutMilliseconds / _scale / 1000.0 * Stopwatch.Frequency);
        Volatile.Write(ref _lastFeed, Stopwatch.GetTimestamp());
        IsStarted = true;
    }

    public void Feed()
    {
        Volatile.Write(ref _lastFeed, Stopwatch.GetTimestamp());
        Feeds++;
    }

    /// <summary>True when the watchdog was started and not fed within its timeout before <paramref name="nowTicks"/>.</summary>
    public bool HasExpired(long nowTicks) => IsStarted && nowTicks - Volatile.Read(ref _lastFeed) > _timeoutTicks;
}
