namespace Millwright.Firmware.Tests.Fakes;

/// <summary>Thrown by <see cref="MemoryRecordStore"/> where power was cut: the device is "off" until <see cref="MemoryRecordStore.Reboot"/>.</summary>
public sealed class PowerCutException : Exception
{
    public PowerCutException()
        : base("power cut (simulated)")
    {
    }
}
