using System.Globalization;
using System.Text;
using Millwright.Protocol.Topics;

namespace Millwright.Controller.Provisioning;

/// <summary>
/// The CSV of a commissioning run: a header naming the columns, then one node per line. Columns: device-id (required),
/// plant-id, broker (HOST[:PORT]), broker-tls (on/off), wifi-ssid, sample-period-ms; an empty cell takes the command
/// line's value; lines starting with # are comments. No quoting: a value with a comma goes on the command line.
/// The whole sheet is checked before the first node is touched, and a refusal names the line and the column.
/// </summary>
public static class BulkSheet
{
    public static readonly string[] Columns = ["device-id", "plant-id", "broker", "broker-tls", "wifi-ssid", "sample-period-ms"];

    public static IReadOnlyList<BulkRow> Read(string path, ProvisioningRequest defaults, bool hasWifiPassword)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BulkSheetException($"cannot read {path}: {e.Message}");
        }

        return Parse(text, path, defaults, hasWifiPassword);
    }

    /// <param name="defaults">The command line's values; its device id is not used.</param>
    /// <param name="hasWifiPassword">Whether the command line gave a Wi-Fi password (a wifi-ssid cell needs one).</param>
    public static IReadOnlyList<BulkRow> Parse(string text, string source, ProvisioningRequest defaults, bool hasWifiPassword)
    {
        string[] lines = text.Split('\n');
        string[]? header = null;
        var rows = new List<BulkRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int n = 1; n <= lines.Length; n++)
        {
            string line = lines[n - 1].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] cells = [.. line.Split(',').Select(c => c.Trim())];
            if (header is null)
            {
                header = Header(cells, source, n);
                continue;
            }

            var cell = new SheetLine(source, n, header, cells);
            string deviceId = cell.Required("device-id", Identifiers.IsValid, "1-32 characters of a-z, 0-9, '-' and '_', starting with a letter or digit");
            if (seen.TryGetValue(deviceId, out int earlier))
            {
                throw cell.Refuse("device-id", $"{deviceId} is already on line {earlier}: one line per node");
            }

            seen[deviceId] = n;
            rows.Add(new BulkRow(n, Node(cell, deviceId, defaults, hasWifiPassword)));
        }

        return header is null || rows.Count == 0 ? throw new BulkSheetException($"{source}: no nodes (a header line, then one line per node)") : rows;
    }

    private static ProvisioningRequest Node(SheetLine cell, string deviceId, ProvisioningRequest defaults, bool hasWifiPassword)
    {
        string plant = cell.Optional("plant-id", Identifiers.IsValid, "1-32 characters of a-z, 0-9, '-' and '_'") ?? defaults.PlantId;
        if (plant.Length == 0)
        {
            throw cell.Refuse("plant-id", "empty, and no --plant on the command line");
        }

        (string host, int port) = (defaults.BrokerHost, defaults.BrokerPort);
        if (cell.Value("broker") is { } broker && !BrokerAddress.TryParse(broker, out host, out port, out string? problem))
        {
            throw cell.Refuse("broker", problem!);
        }

        if (host.Length == 0)
        {
            throw cell.Refuse("broker", "empty, and no --broker on the command line");
        }

        string? tls = cell.Optional("broker-tls", t => t is "on" or "off" or "true" or "false", "on or off");
        string? ssid = cell.Optional("wifi-ssid", s => Encoding.UTF8.GetByteCount(s) <= 32 && !s.Any(char.IsControl), "at most 32 bytes, no control characters") ?? defaults.WifiSsid;
        if (cell.Value("wifi-ssid") is not null && !hasWifiPassword)
        {
            throw cell.Refuse("wifi-ssid", "a Wi-Fi network needs --wifi-password-file F or --wifi-password-stdin on the command line");
        }

        string? period = cell.Optional("sample-period-ms", p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int ms) && (ms == 0 || ms is >= 100 and <= 3_600_000), "0 (the board's default) or 100 to 3600000");
        return new ProvisioningRequest
        {
            DeviceId = deviceId,
            PlantId = plant,
            BrokerHost = host,
            BrokerPort = port,
            BrokerTls = tls is null ? defaults.BrokerTls : tls is "on" or "true",
            WifiSsid = ssid,
            WifiPassword = defaults.WifiPassword,
            WifiViaImprov = defaults.WifiViaImprov,
            SamplePeriodMilliseconds = period is null ? defaults.SamplePeriodMilliseconds : int.Parse(period, CultureInfo.InvariantCulture),
            AssumeYes = defaults.AssumeYes,
            FirstFrameTimeout = defaults.FirstFrameTimeout,
        };
    }

    private static string[] Header(string[] cells, string source, int line)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (!Columns.Contains(cells[i]))
            {
                throw new BulkSheetException($"{source}:{line}: column {i + 1} '{cells[i]}' is not one of {string.Join(", ", Columns)} (the first line that is not a comment is the header)");
            }

            if (Array.IndexOf(cells, cells[i]) != i)
            {
                throw new BulkSheetException($"{source}:{line}: column {i + 1} '{cells[i]}' is named twice");
            }
        }

        return cells.Contains("device-id") ? cells : throw new BulkSheetException($"{source}:{line}: the header has no device-id column");
    }
}
