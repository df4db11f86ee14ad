using System.Globalization;

namespace Millwright.Controller.Cli.Bench;

/// <summary>CPU time (user + system) a process has used, from /proc/&lt;pid&gt;/stat (Linux; clock ticks of 1/100 s).</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    internal static TimeSpan Of(int processId)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{processId}/stat");
            // The command name (field 2) may contain spaces and parentheses: fields are counted after its last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            long system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds((user + system) / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>This process (the load generator).</summary>
    internal static TimeSpan OfThisProcess()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
