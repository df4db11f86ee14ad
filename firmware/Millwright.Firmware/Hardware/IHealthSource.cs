namespace Millwright.Firmware.Hardware;

/// <summary>Platform facts for health telemetry and the console.</summary>
public interface IHealthSource
{
    long FreeMemoryBytes { get; }

    /// <summary>Why the chip last reset ("power-on", "watchdog", "software", "brownout", ...).</summary>
    string ResetReason { get; }

    /// <summary>Restarts the node (console `reboot`, after factory reset).</summary>
    void Reboot();
}
