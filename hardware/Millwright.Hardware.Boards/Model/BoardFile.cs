using System.Globalization;
using System.Text;

namespace Millwright.Hardware.Boards.Model;

/// <summary>A board file (hardware/boards/*.json) as data. Obtain one through <c>BoardLoader</c>, which validates it.</summary>
public sealed class BoardFile
{
    public int FormatVersion { get; init; }

    public string Name { get; init; } = "";

    public string? CodeName { get; init; }

    public string? Description { get; init; }

    public ChipVariant Chip { get; init; }

    public PsramMode Psram { get; init; }

    public DebugLink DebugLink { get; init; }

    public ConsoleDefinition Console { get; init; } = new();

    public SamplingDefinition Sampling { get; init; } = new();

    public IReadOnlyList<BusDefinition> Buses { get; init; } = [];

    public IReadOnlyList<SensorDefinition> Sensors { get; init; } = [];

    public IReadOnlyList<ActuatorDefinition> Actuators { get; init; } = [];

    /// <summary>The chip name as written in board files ("esp32", "esp32-s3", "virtual").</summary>
    public string ChipName => Chip switch
    {
        ChipVariant.Esp32 => "esp32",
        ChipVariant.Esp32S3 => "esp32-s3",
        _ => "virtual",
    };

    /// <summary>The PascalCase name of generated code: <see cref="CodeName"/>, or <see cref="Name"/> with its dashes removed.</summary>
    public string EffectiveCodeName
    {
        get
        {
            if (!string.IsNullOrEmpty(CodeName))
            {
                return CodeName;
            }

            var builder = new StringBuilder();
            foreach (var part in Name.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part.AsSpan(1));
            }

            return builder.ToString();
        }
    }

    public BusDefinition? FindBus(string id) => Buses.FirstOrDefault(bus => bus.Id == id);
}
