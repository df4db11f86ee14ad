using System;
using System.Threading;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// Feeds the hardware watchdog only on proof that the main loop made progress (issue 3 §9): the loop calls
/// <see cref="CompleteIteration"/> when an iteration ran to its end, and <see cref="FeedIfProgressed"/> feeds only if
/// that count moved since the last feed. A loop that hangs (a driver stuck on a bus, a deadlock) or keeps failing without
/// completing an iteration stops the feeding, and the chip resets. FeedIfProgressed may be called from the loop or
/// from a timer thread of the board binding; neither can keep a stalled loop alive.
/// </summary>
public sealed class LoopWatchdog
{
    public const int DefaultTimeoutMilliseconds = 30000;

    private readonly IWatchdog _hardware;
    private readonly int _timeoutMilliseconds;
    private int _progress;
    private int _fedProgress;

    public LoopWatchdog(IWatchdog hardware, int timeoutMilliseconds)
    {
        if (hardware == null || timeoutMilliseconds < 1000)
        {
            throw new ArgumentException("watchdog needs the hardware and a timeout of at least 1000 ms");
        }

        _hardware = hardware;
        _timeoutMilliseconds = timeoutMilliseconds;
    }

    public int TimeoutMilliseconds
    {
        get { return _timeoutMilliseconds; }
    }

    /// <summary>The longest the loop may sleep between iterations: a third of the timeout, so two late wake-ups still feed in time.</summary>
    public long MaxSleepMicros
    {
        get { return _timeoutMilliseconds * 1000L / 3; }
    }

    public bool IsStarted { get; private set; }

    public long Feeds { get; private set; }

    /// <summary>Feed attempts refused because the loop had not completed an iteration since the last feed.</summary>
    public long Refusals { get; private set; }

    /// <summary>Arms the hardware; from now on it must be fed within the timeout.</summary>
    public void Start()
    {
        _hardware.Start(_timeoutMilliseconds);
        IsStarted = true;
    }

    /// <summary>Called by the main loop, and only by it, after an iteration ran to its end.</summary>
    public void CompleteIteration()
    {
        Interlocked.Increment(ref _progress);
    }

    /// <summary>Feeds the hardware when the loop completed an iteration since the last feed; returns whether it fed.</summary>
    public bool FeedIfProgressed()
    {
        int progress = Interlocked.CompareExchange(ref _progress, 0, 0);
        if (!IsStarted || progress == _fedProgress)
        {
            Refusals++;
            return false;
        }

        _fedProgress = progress;
        _hardware.Feed();
        Feeds++;
        return true;
    }
}
