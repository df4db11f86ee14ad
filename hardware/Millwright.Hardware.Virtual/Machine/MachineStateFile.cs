using System.Text.Json;
using System.Text.Json.Serialization;

namespace Millwright.Hardware.Virtual.Machine;

/// <summary>
/// The machine's state in the board's data directory (machine.json), written atomically (temporary file, rename) every
/// few seconds and when the board stops, so a killed board process finds its machine as it last saved it.
/// </summary>
internal static class MachineStateFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static MachineSnapshot? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<MachineSnapshot>(File.ReadAllText(path), Options);
        }
        catch (JsonException)
        {
            // Only a hand-edited file can be torn (the write is atomic): start the machine afresh.
            return null;
        }
    }

    public static void Write(string path, MachineSnapshot snapshot)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(snapshot, Options));
        File.Move(temporary, path, overwrite: true);
    }
}
