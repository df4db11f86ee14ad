using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Hardware;

/// <summary>
/// The device's two clocks: a monotonic one for scheduling (never jumps, µs since boot) and the wall clock for
/// timestamps (µs since the Unix epoch, UTC), which starts unsynced and is set from SNTP or a controller ack.
/// </summary>
public interface IClock
{
    /// <summary>µs since boot; never goes backwards, unaffected by <see cref="SetUtc"/>.</summary>
    long MonotonicMicros { get; }

    /// <summary>µs since the Unix epoch; arbitrary until <see cref="Quality"/> is synced.</summary>
    long UtcMicros { get; }

    TimeQuality Quality { get; }

    /// <summary>Sets the wall clock (whole seconds are enough on ESP32; fractions are kept where possible).</summary>
    void SetUtc(long utcMicros, TimeQuality quality);
}
