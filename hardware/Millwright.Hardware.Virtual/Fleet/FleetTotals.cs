using System.Globalization;
using Millwright.Hardware.Virtual.Board;
using Millwright.Hardware.Virtual.Machine;

namespace Millwright.Hardware.Virtual.Fleet;

/// <summary>The fleet's figures summed over its boards, and the one status line they make.</summary>
internal sealed record FleetTotals(
    int Boards,
    int Online,
    long Frames,
    long Acked,
    long Depth,
    int Broken,
    int InMaintenance,
    double MeanWear,
    double MaxWear,
    long Failures,
    double MeanWorldSeconds)
{
    public static FleetTotals Of(IReadOnlyCollection<BoardFigures> boards)
    {
        if (boards.Count == 0)
        {
            return new FleetTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        return new FleetTotals(
            boards.Count,
            boards.Count(b => b.Online),
            boards.Sum(b => b.FramesRecorded),
            boards.Sum(b => (long)b.AckedSequence),
            boards.Sum(b => b.OutboxDepth),
            boards.Count(b => b.Condition == MachineCondition.Broken),
            boards.Count(b => b.Condition == MachineCondition.Maintenance),
            boards.Average(b => b.Wear),
            boards.Max(b => b.Wear),
            boards.Sum(b => b.Failures),
            boards.Average(b => b.WorldSeconds));
    }

    /// <summary>"t=… sim=… boards=… online=… frames=… (…/s) acked=… depth=… broken=… maint=… wear=…/… failures=…".</summary>
    public string ToStatusLine(TimeSpan elapsed, double framesPerSecond, string extra) => string.Create(
        CultureInfo.InvariantCulture,
        $"t={elapsed.TotalSeconds:F0}s sim={FormatDuration(MeanWorldSeconds)} boards={Boards} online={Online} frames={Frames} ({framesPerSecond:F0}/s) " +
        $"acked={Acked} depth={Depth} broken={Broken} maint={InMaintenance} wear={MeanWear:F3}/{MaxWear:F3} failures={Failures}{extra}");

    private static string FormatDuration(double seconds) => seconds switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F0}s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F1}min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1}h"),
    };
}
