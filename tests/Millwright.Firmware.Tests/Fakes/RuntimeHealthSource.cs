using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>Platform facts the test sets; counts reboots instead of rebooting.</summary>
public sealed class RuntimeHealthSource : IHealthSource
{
    public long FreeMemoryBytes { get; set; } = 61_440;

    public string ResetReason { get; set; } = "power-on";

    public int Reboots { get; private set; }

    public void Reboot() => Reboots++;
}
