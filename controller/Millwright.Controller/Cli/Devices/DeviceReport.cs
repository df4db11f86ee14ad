using System.Globalization;
using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Cli.Devices;

/// <summary>What the `device` verbs print. Only <see cref="Secret"/> ever prints a secret, and only a generated one.</summary>
internal static class DeviceReport
{
    public static void Secret(TextWriter output, string action, IssuedSecret issued, bool imported)
    {
        output.WriteLine($"{action} device {issued.DeviceId}: key generation {issued.Generation}, epoch {issued.Epoch}, key id {Convert.ToHexStringLower(issued.KeyId)}");
        if (issued.CutOverSequence is { } cutOver)
        {
            output.WriteLine($"the previous key still verifies frames with sequence below {cutOver}; later ones must carry the new key");
        }

        if (issued.Epoch > 1 && issued.CutOverSequence is null)
        {
            output.WriteLine($"epoch {issued.Epoch}: the new node's sequence numbers start again at 1; every older key is retired");
        }

        if (imported)
        {
            output.WriteLine("secret imported (not shown)");
            return;
        }

        output.WriteLine();
        output.WriteLine("WARNING: this secret is shown ONCE and cannot be shown again. Provision it onto the device now");
        output.WriteLine("(service console: `secret <hex>`), then discard it. Anyone holding it can sign frames as this device.");
        output.WriteLine();
        output.WriteLine($"secret: {DeviceSecret.ToHex(issued.Secret)}");
    }

    public static void List(TextWriter output, IReadOnlyList<DeviceOverview> devices)
    {
        if (devices.Count == 0)
        {
            output.WriteLine("no devices (add one with `millwright device add <id>`)");
            return;
        }

        output.WriteLine($"{"DEVICE",-32} {"STATE",-8} {"EPOCH",5} {"LAST SEEN (UTC)",-20} {"LAST SEQ",10} {"ACKED",10} {"GAPS",5} {"STATUS",-8}");
        foreach (DeviceOverview device in devices)
        {
            SequenceWatermark? current = CurrentWatermark(device);
            output.WriteLine(
                $"{device.Device.DeviceId,-32} {(device.Device.Enabled ? "enabled" : "disabled"),-8} {device.Device.CurrentEpoch,5} " +
                $"{Time(device.Activity?.LastSeenAt),-20} {device.Activity?.LastSequence.ToString(CultureInfo.InvariantCulture) ?? "-",10} " +
                $"{current?.ContiguousSequence.ToString(CultureInfo.InvariantCulture) ?? "-",10} {device.Watermarks.Sum(w => w.OpenGapCount),5} " +
                $"{(device.Health is null ? "-" : device.Health.Online ? "online" : "offline"),-8}");
        }
    }

    public static void Show(TextWriter output, DeviceDetails details)
    {
        DeviceRecord device = details.Overview.Device;
        output.WriteLine($"device      {device.DeviceId}");
        output.WriteLine($"state       {(device.Enabled ? "enabled" : $"disabled since {Time(device.DisabledAt)}")}");
        output.WriteLine($"created     {Time(device.CreatedAt)}");
        output.WriteLine($"epoch       {device.CurrentEpoch} (key generation {device.CurrentGeneration})");
        DeviceActivity? activity = details.Overview.Activity;
        output.WriteLine(activity is null
            ? "last seen   never"
            : $"last seen   {Time(activity.LastSeenAt)}: sequence {activity.LastSequence} (epoch {activity.LastEpoch}), boot {activity.LastBootCounter}, {activity.FramesStored} frames stored");
        foreach (SequenceWatermark w in details.Overview.Watermarks)
        {
            output.WriteLine($"epoch {w.Epoch,-5} acked (contiguous) {w.ContiguousSequence}, highest {w.HighestSequence}, open gaps {w.OpenGapCount}");
        }

        DeviceReportHealth.Write(output, details.Overview.Health);
        DeviceReportGaps.Write(output, details.Gaps);
        output.WriteLine("keys");
        foreach (DeviceKeyInfo key in details.Keys)
        {
            string cutOver = key.AcceptedBelowSequence is { } below ? $", accepted below sequence {below}" : string.Empty;
            string replaced = key.ReplacedAt is { } at ? $", replaced {Time(at)}" : string.Empty;
            output.WriteLine($"  generation {key.Generation} epoch {key.Epoch} key id {key.KeyIdHex} {key.State.ToString().ToLowerInvariant()}, created {Time(key.CreatedAt)}{cutOver}{replaced}");
        }
    }

    internal static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static SequenceWatermark? CurrentWatermark(DeviceOverview device) =>
        device.Watermarks.Where(w => w.Epoch == device.Device.CurrentEpoch).Cast<SequenceWatermark?>().FirstOrDefault();
}
