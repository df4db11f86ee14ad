using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// Passes the platform through to the console, and remembers a requested reboot (console <c>reboot</c>, factory reset).
/// From then on the main loop does nothing more, so nothing is written over a just-erased flash, and stops feeding the
/// watchdog, so a platform whose reboot does not happen at once is reset by the watchdog instead.
/// </summary>
public sealed class RebootLatch : IHealthSource
{
    private readonly IHealthSource _platform;

    public RebootLatch(IHealthSource platform)
    {
        _platform = platform;
    }

    public bool Requested { get; private set; }

    public long FreeMemoryBytes
    {
        get { return _platform.FreeMemoryBytes; }
    }

    public string ResetReason
    {
        get { return _platform.ResetReason; }
    }

    public void Reboot()
    {
        Requested = true;
        _platform.Reboot();
    }
}
