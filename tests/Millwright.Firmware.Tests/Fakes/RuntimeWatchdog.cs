using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>A hardware watchdog on the fake clock: it records feeds and says when it would have reset the node.</summary>
public sealed class RuntimeWatchdog(FakeClock clock) : IWatchdog
{
    public int TimeoutMilliseconds { get; private set; }

    public bool Started { get; private set; }

    public int Feeds { get; private set; }

    public long LastFedMicros { get; private set; }

    /// <summary>True once the fake clock has passed the timeout since the last feed (or the start).</summary>
    public bool WouldReset => Started && clock.MonotonicMicros - LastFedMicros > TimeoutMilliseconds * 1000L;

    public void Start(int timeoutMilliseconds)
    {
        TimeoutMilliseconds = timeoutMilliseconds;
        Started = true;
        LastFedMicros = clock.MonotonicMicros;
    }

    public void Feed()
    {
        Feeds++;
        LastFedMicros = clock.MonotonicMicros;
    }
}
