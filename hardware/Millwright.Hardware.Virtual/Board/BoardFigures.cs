using Millwright.Firmware.Runtime;
using Millwright.Hardware.Virtual.Machine;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>A board's figures for status lines, taken on its own loop thread and read from any other.</summary>
internal sealed record BoardFigures(
    string DeviceId,
    NodeMode Mode,
    bool Online,
    long FramesRecorded,
    ulong LastSequence,
    ulong AckedSequence,
    long OutboxDepth,
    int Boots,
    double WorldSeconds,
    MachineCondition Condition,
    double Wear,
    long Failures,
    long Maintenances)
{
    public static BoardFigures Empty(string deviceId) => new(deviceId, NodeMode.ConsoleOnly, false, 0, 0, 0, 0, 0, 0, MachineCondition.Idle, 0, 0, 0);

    /// <summary>One line of key=value pairs: a child board process prints these for its fleet runner.</summary>
    public string ToLine()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return string.Create(c, $"figures device={DeviceId} mode={Mode} online={(Online ? 1 : 0)} frames={FramesRecorded} last={LastSequence} acked={AckedSequence} depth={OutboxDepth} boots={Boots} world-s={WorldSeconds:F0} machine={Condition} wear={Wear:F4} failures={Failures} maintenances={Maintenances}");
    }

    /// <summary>Parses <see cref="ToLine"/>; null for any other line.</summary>
    public static BoardFigures? Parse(string line)
    {
        if (!line.StartsWith("figures ", StringComparison.Ordinal))
        {
            return null;
        }

        var values = line[8..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            return new BoardFigures(
                values["device"],
                Enum.Parse<NodeMode>(values["mode"]),
                values["online"] == "1",
                long.Parse(values["frames"], c),
                ulong.Parse(values["last"], c),
                ulong.Parse(values["acked"], c),
                long.Parse(values["depth"], c),
                int.Parse(values["boots"], c),
                double.Parse(values["world-s"], c),
                Enum.Parse<MachineCondition>(values["machine"]),
                double.Parse(values["wear"], c),
                long.Parse(values["failures"], c),
                long.Parse(values["maintenances"], c));
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }
}
