using System.Text.Json;
using System.Text.Json.Serialization;

namespace Millwright.Controller.Anchoring.State;

/// <summary>The JSON form of the anchoring state and history files.</summary>
internal static class AnchorStateJson
{
    public static readonly JsonSerializerOptions Indented = Create(writeIndented: true);

    public static readonly JsonSerializerOptions Compact = Create(writeIndented: false);

    private static JsonSerializerOptions Create(bool writeIndented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = writeIndented,
        Converters = { new BigIntegerJsonConverter(), new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
