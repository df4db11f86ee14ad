using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Commands;

/// <summary>
/// Decides when the controller is gone: its retained state says offline, or no sign of life (a signed ack, a valid
/// command) arrived for the configured time on the monotonic clock. It trips once per outage (edge, not level) and
/// re-arms at the next sign of life; what tripping does, and what leaves the safe state, is the executor's business.
/// A dropped MQTT connection alone does not trip it: a Wi-Fi blip shorter than the timeout must not stop machines.
/// </summary>
public sealed class FailSafeMonitor
{
    /// <summary>Shortest timeout accepted: acks come about once per sampling period, and a busy broker adds delay.</summary>
    public const int MinimumTimeoutMilliseconds = 1000;

    private readonly IClock _clock;
    private readonly long _timeoutMicros;
    private bool _armed;
    private bool _reportedOffline;
    private long _lastAliveMicros;

    public FailSafeMonitor(IClock clock, int timeoutMilliseconds)
    {
        if (timeoutMilliseconds < MinimumTimeoutMilliseconds)
        {
            throw new System.ArgumentOutOfRangeException(nameof(timeoutMilliseconds));
        }

        _clock = clock;
        _timeoutMicros = (long)timeoutMilliseconds * 1000;
        TripReason = string.Empty;
    }

    /// <summary>Three sampling periods, and never under a minute (acks arrive after frames, frames once per period).</summary>
    public static int DefaultTimeoutFor(int samplePeriodMilliseconds)
    {
        long threePeriods = (long)samplePeriodMilliseconds * 3;
        return threePeriods > 60000 ? (threePeriods > int.MaxValue ? int.MaxValue : (int)threePeriods) : 60000;
    }

    public int TimeoutMilliseconds
    {
        get { return (int)(_timeoutMicros / 1000); }
    }

    /// <summary>True while watching a controller that was seen alive; false at boot and after a trip until it is seen again.</summary>
    public bool IsArmed
    {
        get { return _armed; }
    }

    /// <summary>True from a trip until the controller is seen alive again.</summary>
    public bool IsTripped { get; private set; }

    /// <summary>Why the last trip happened ("" before the first).</summary>
    public string TripReason { get; private set; }

    public int TripCount { get; private set; }

    /// <summary>An ack or a valid command arrived: the controller is alive.</summary>
    public void NoteAlive()
    {
        _lastAliveMicros = _clock.MonotonicMicros;
        _reportedOffline = false;
        _armed = true;
        IsTripped = false;
    }

    /// <summary>
    /// The controller's retained state changed. It is unsigned, so it counts only in the safe direction
    /// (docs/protocol.md §9): offline trips; online merely withdraws an earlier offline. It is no sign of life and
    /// neither arms the monitor nor feeds its timeout, so a stale or forged "online" cannot keep machines running.
    /// </summary>
    public void NoteControllerState(bool online)
    {
        _reportedOffline = !online;
    }

    /// <summary>Returns true exactly when the monitor trips now (the caller then drives everything safe).</summary>
    public bool Poll()
    {
        if (!_armed)
        {
            return false;
        }

        if (_reportedOffline)
        {
            Trip("controller state offline");
            return true;
        }

        if (_clock.MonotonicMicros - _lastAliveMicros > _timeoutMicros)
        {
            Trip("no ack or command from the controller for " + TimeoutMilliseconds.ToString() + " ms");
            return true;
        }

        return false;
    }

    private void Trip(string reason)
    {
        _armed = false;
        IsTripped = true;
        TripReason = reason;
        TripCount++;
    }
}
