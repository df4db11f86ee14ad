using System.Threading;
using Millwright.Firmware.Hardware;
using nanoFramework.Hardware.Esp32;

namespace Millwright.Firmware.Esp32.Platform;

/// <summary>
/// <see cref="IWatchdog"/> as a software watchdog: stock nanoCLR for ESP32 has no managed watchdog API and builds
/// ESP-IDF with the task watchdog off (CONFIG_ESP_TASK_WDT_INIT=n). A highest-priority managed thread restarts the chip
/// (reason "watchdog") when the loop stops feeding it. nanoCLR time-slices managed threads, so this catches a main loop
/// that hangs or spins in managed code; it cannot catch a native call that never returns, which stops every managed
/// thread. That needs a nanoCLR build with the task watchdog enabled (docs/flashing.md).
/// </summary>
public sealed class EspWatchdog : IWatchdog
{
    private readonly EspHealthSource _health;
    private readonly object _lock = new object();
    private Thread _thread;
    private long _timeoutMicros;
    private long _lastFeedMicros;

    public EspWatchdog(EspHealthSource health)
    {
        _health = health;
    }

    public void Start(int timeoutMilliseconds)
    {
        lock (_lock)
        {
            _timeoutMicros = timeoutMilliseconds * 1000L;
            _lastFeedMicros = Now();
            if (_thread != null)
            {
                return;
            }

            _thread = new Thread(Watch);
            _thread.Priority = ThreadPriority.Highest;
            _thread.Start();
        }
    }

    public void Feed()
    {
        lock (_lock)
        {
            _lastFeedMicros = Now();
        }
    }

    private void Watch()
    {
        while (true)
        {
            long timeout;
            long starved;
            lock (_lock)
            {
                timeout = _timeoutMicros;
                starved = Now() - _lastFeedMicros;
            }

            if (starved > timeout)
            {
                _health.RebootFor(EspHealthSource.Watchdog);
            }

            Thread.Sleep((int)(timeout / 4000));
        }
    }

    private static long Now()
    {
        return (long)HighResTimer.GetCurrent();
    }
}
