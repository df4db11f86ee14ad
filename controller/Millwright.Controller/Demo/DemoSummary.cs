using System.Globalization;
using System.Text.Json;
using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Demo;

/// <summary>What `millwright demo` prints at the end, from the controller's store: per device frames stored, last
/// sequence, acked watermark and gaps; quarantine by reason; the readings of one stored frame.</summary>
internal static class DemoSummary
{
    /// <returns>Null when frames of every registered device (and at least one) were stored, else what went wrong.</returns>
    internal static async Task<string?> WriteAsync(IControllerStore store, IReadOnlyCollection<string> registered, string boardFile, TextWriter output, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeviceOverview> overviews = await store.ListDeviceOverviewsAsync(cancellationToken).ConfigureAwait(false);
        long total = await store.CountFramesAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine();
        output.WriteLine($"summary: {total} frame(s) verified and stored (each appended to the log in storage order)");
        output.WriteLine($"  {"DEVICE",-10} {"FRAMES",7} {"LAST SEQ",9} {"ACKED",7} {"OPEN GAPS",9} {"DECLARED LOSSES",15}  STATUS");
        foreach (DeviceOverview device in overviews)
        {
            DeviceGaps gaps = await store.GetGapsAsync(device.Device.DeviceId, cancellationToken).ConfigureAwait(false);
            long acked = device.Watermarks.Where(w => w.Epoch == device.Device.CurrentEpoch).Select(w => w.ContiguousSequence).DefaultIfEmpty(0).Max();
            string status = device.Health is null ? "no status" : device.Health.Online ? "online" : "offline";
            output.WriteLine(
                $"  {device.Device.DeviceId,-10} {device.Activity?.FramesStored ?? 0,7} {device.Activity?.LastSequence.ToString(CultureInfo.InvariantCulture) ?? "-",9} " +
                $"{acked,7} {gaps.Open.Count,9} {gaps.Declared.Count,15}  {status}");
        }

        IReadOnlyDictionary<QuarantineReason, long> quarantine = await store.CountQuarantineByReasonAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine(quarantine.Count == 0
            ? "  quarantine: none"
            : "  quarantine: " + string.Join(", ", quarantine.OrderBy(q => q.Key).Select(q => $"{q.Key}={q.Value}")));

        DeviceOverview? sample = overviews.FirstOrDefault(o => o.Activity is { FramesStored: > 0 });
        if (sample is not null)
        {
            await WriteOneFrameAsync(store, sample.Device.DeviceId, ChannelNames(boardFile), output, cancellationToken).ConfigureAwait(false);
        }

        string[] missing = registered.Where(id => !overviews.Any(o => o.Device.DeviceId == id && o.Activity is { FramesStored: > 0 })).ToArray();
        return registered.Count == 0 ? "no device registered (the fleet announced none)"
            : missing.Length > 0 ? $"no frame stored from {string.Join(", ", missing)}"
            : null;
    }

    private static async Task WriteOneFrameAsync(IControllerStore store, string deviceId, Dictionary<int, string> names, TextWriter output, CancellationToken cancellationToken)
    {
        ReadingsPage page = await store.GetReadingsAsync(new ReadingsQuery(deviceId, 0, long.MaxValue, 200), cancellationToken).ConfigureAwait(false);
        if (page.Items.Count == 0)
        {
            return;
        }

        Reading first = page.Items[^1];
        var frame = page.Items.Where(r => r.Epoch == first.Epoch && r.Sequence == first.Sequence).ToList();
        DateTimeOffset time = UnixMicros.ToTime(frame.Min(r => r.TimeMicros));
        output.WriteLine($"  one stored frame: {deviceId} sequence {first.Sequence} (log index {first.LogIndex}), {time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fff}Z, {frame.Count} reading(s):");
        foreach (IGrouping<int, Reading> channel in frame.GroupBy(r => r.ChannelId).OrderBy(g => g.Key))
        {
            string name = names.TryGetValue(channel.Key, out string? n) ? n : $"channel {channel.Key}";
            string values = string.Join(" ", channel.Select(r => r.Value.ToString("0.###", CultureInfo.InvariantCulture)));
            output.WriteLine($"    {name,-24} {values}");
        }
    }

    /// <summary>Channel id → "name (unit)" from the board file; empty when it cannot be read.</summary>
    private static Dictionary<int, string> ChannelNames(string boardFile)
    {
        var names = new Dictionary<int, string>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(boardFile));
            Collect(document.RootElement, names);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
        }

        return names;
    }

    private static void Collect(JsonElement element, Dictionary<int, string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.Number &&
                element.TryGetProperty("name", out JsonElement name) && element.TryGetProperty("unit", out JsonElement unit))
            {
                names.TryAdd(id.GetInt32(), $"{name.GetString()} ({unit.GetString()})");
            }

            foreach (JsonProperty property in element.EnumerateObject())
            {
                Collect(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                Collect(item, names);
            }
        }
    }
}
