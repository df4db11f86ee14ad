using System;
using Millwright.Firmware.Hardware;
using Millwright.Protocol.Messages;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace Millwright.Firmware.Esp32.Platform;

/// <summary>
/// <see cref="IClock"/> on the ESP32: the monotonic clock is esp_timer (<see cref="HighResTimer.GetCurrent"/>, µs since
/// boot), the wall clock is the system time behind <see cref="DateTime.UtcNow"/>. nanoCLR's SNTP client sets the system
/// time by itself and says nothing, so SNTP is recognised by its effect: the wall clock moving against the monotonic
/// clock by more than <see cref="SntpJumpMicros"/> while SNTP runs and nobody here set it. Time carried over a soft reset
/// counts as unsynced until SNTP or the controller sets it again.
/// </summary>
public sealed class EspClock : IClock
{
    /// <summary>A jump of the wall clock against the monotonic one that only a time source can have caused.</summary>
    public const long SntpJumpMicros = 1000000;

    // DateTime ticks (100 ns since 0001-01-01) at 1970-01-01T00:00:00Z.
    private const long UnixEpochTicks = 621355968000000000L;

    private readonly object _lock = new object();
    private TimeQuality _quality;
    private long _offsetMicros;

    public EspClock()
    {
        _quality = TimeQuality.Unsynced;
        _offsetMicros = UtcMicros - MonotonicMicros;
    }

    public long MonotonicMicros
    {
        get { return (long)HighResTimer.GetCurrent(); }
    }

    public long UtcMicros
    {
        get { return (DateTime.UtcNow.Ticks - UnixEpochTicks) / 10; }
    }

    public TimeQuality Quality
    {
        get
        {
            lock (_lock)
            {
                long offset = UtcMicros - MonotonicMicros;
                long moved = offset - _offsetMicros;
                if ((moved > SntpJumpMicros || -moved > SntpJumpMicros) && Sntp.IsStarted)
                {
                    _quality = TimeQuality.Sntp;
                    _offsetMicros = offset;
                }

                return _quality;
            }
        }
    }

    /// <summary>Rtc.SetSystemTime takes whole seconds: the time is rounded to the nearest one (error at most 0.5 s).</summary>
    public void SetUtc(long utcMicros, TimeQuality quality)
    {
        long seconds = (utcMicros + 500000) / 1000000;
        DateTime time = new DateTime(UnixEpochTicks + seconds * 10000000L, DateTimeKind.Utc);
        lock (_lock)
        {
            if (!Rtc.SetSystemTime(time))
            {
                return;
            }

            _quality = quality;
            _offsetMicros = UtcMicros - MonotonicMicros;
        }
    }
}
