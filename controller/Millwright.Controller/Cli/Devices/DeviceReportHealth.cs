using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Cli.Devices;

/// <summary>The health part of `device show`, from the device's newest status message.</summary>
internal static class DeviceReportHealth
{
    public static void Write(TextWriter output, DeviceHealth? health)
    {
        if (health is null)
        {
            output.WriteLine("health      no status received yet");
            return;
        }

        output.WriteLine($"health      {(health.Online ? "online" : "offline")} (status of {DeviceReport.Time(health.ReceivedAt)}, boot {health.BootCounter})");
        output.WriteLine($"  firmware {health.FirmwareVersion}, board {health.Board}, channels [{string.Join(", ", health.Channels)}]");
        output.WriteLine($"  uptime {health.UptimeSeconds} s, free memory {health.FreeMemoryBytes} B, RSSI {health.Rssi} dBm, reset reason {Text(health.ResetReason)}");
        output.WriteLine($"  outbox {health.OutboxDepth} waiting, {health.OutboxDrops} dropped since provisioning");
        output.WriteLine($"  failed components: {(health.FailedComponents.Count == 0 ? "none" : string.Join(", ", health.FailedComponents))}");
    }

    private static string Text(string value) => value.Length == 0 ? "-" : value;
}
