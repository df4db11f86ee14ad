using System.Globalization;

namespace Millwright.Controller.Cli.Bench;

/// <summary>The controller's /metrics at one moment: every series (name with its labels) and its value.</summary>
internal sealed class MetricsSnapshot
{
    private readonly Dictionary<string, double> _series;

    private MetricsSnapshot(Dictionary<string, double> series) => _series = series;

    internal static MetricsSnapshot Empty { get; } = new([]);

    internal static async Task<MetricsSnapshot> ScrapeAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            string text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            var series = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (string line in text.Split('\n'))
            {
                int space = line.LastIndexOf(' ');
                if (line.Length == 0 || line[0] == '#' || space < 0)
                {
                    continue;
                }

                if (double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    series[line[..space]] = value;
                }
            }

            return new MetricsSnapshot(series);
        }
        catch (HttpRequestException)
        {
            return Empty;
        }
    }

    internal double this[string series] => _series.GetValueOrDefault(series);
}
