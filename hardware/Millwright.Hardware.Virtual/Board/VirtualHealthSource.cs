using Millwright.Firmware.Hardware;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>
/// Platform facts of the virtual board. Free memory is what the .NET heap could still grow by. A reboot asked by the
/// console is only noted here; the board loop carries it out after the step (the firmware stops doing anything once it
/// asked, so there is nothing left to finish).
/// </summary>
internal sealed class VirtualHealthSource : IHealthSource
{
    public VirtualHealthSource(string resetReason)
    {
        ResetReason = resetReason;
    }

    public long FreeMemoryBytes
    {
        get
        {
            GCMemoryInfo info = GC.GetGCMemoryInfo();
            return Math.Max(0, info.TotalAvailableMemoryBytes - GC.GetTotalMemory(forceFullCollection: false));
        }
    }

    public string ResetReason { get; }

    public bool RebootRequested { get; private set; }

    public void Reboot() => RebootRequested = true;
}
