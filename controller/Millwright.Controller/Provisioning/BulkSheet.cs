using System.Globalization;

namespace Millwright.Controller.Provisioning;

/// <summary>
/// The CSV of a commissioning run: a header naming the columns, then one node per line. Columns: device-id (required),
/// plant-id, broker (HOST:PORT), broker-tls (on/off), wifi-ssid, sample-period-ms; an empty cell takes the value given on
/// the command line. Lines starting with # are comments. No quoting: none of these values may contain a comma.
/// </summary>
public static class BulkSheet
{
    public static readonly string[] Columns = ["device-id", "plant-id", "broker", "broker-tls", "wifi-ssid", "sample-period-ms"];

    /// <summary>One dictionary (column → value, empty cells left out) per node; throws FormatException naming the line.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[]? header = null;
        var rows = new List<IReadOnlyDictionary<string, string>>();
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] cells = line.Split(',').Select(c => c.Trim()).ToArray();
            if (header is null)
            {
                header = cells;
                string? unknown = header.FirstOrDefault(h => !Columns.Contains(h));
                if (unknown is not null || !header.Contains("device-id"))
                {
                    throw new FormatException($"{path}:{n + 1}: the header must name columns from {string.Join(", ", Columns)}, device-id among them{(unknown is null ? string.Empty : $" ('{unknown}' is not one)")}");
                }

                continue;
            }

            if (cells.Length != header.Length)
            {
                throw new FormatException($"{path}:{n + 1}: {cells.Length} cells, the header has {header.Length}");
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < cells.Length; i++)
            {
                if (cells[i].Length > 0)
                {
                    row[header[i]] = cells[i];
                }
            }

            if (!row.ContainsKey("device-id"))
            {
                throw new FormatException($"{path}:{n + 1}: no device-id");
            }

            rows.Add(row);
        }

        return rows;
    }

    public static int? Period(IReadOnlyDictionary<string, string> row, int? fallback) =>
        row.TryGetValue("sample-period-ms", out string? text) ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

    public static bool Tls(IReadOnlyDictionary<string, string> row, bool fallback) =>
        row.TryGetValue("broker-tls", out string? text) ? text is "on" or "true" or "yes" : fallback;
}
