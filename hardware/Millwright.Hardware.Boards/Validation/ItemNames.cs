using System.Text;
using System.Text.Json.Nodes;
using Millwright.Hardware.Boards.Model;

namespace Millwright.Hardware.Boards.Validation;

/// <summary>How an issue names the item it is about: <c>sensors[1] "vibration"</c>, <c>console txPin</c>, <c>board</c>.</summary>
public static class ItemNames
{
    public const string Board = "board";

    public static string Bus(int index, BusDefinition bus) => $"buses[{index}] \"{bus.Id}\"";

    public static string Sensor(int index, SensorDefinition sensor) => $"sensors[{index}] \"{sensor.Id}\"";

    public static string Channel(int sensorIndex, SensorDefinition sensor, int index, ChannelDefinition channel) =>
        $"{Sensor(sensorIndex, sensor)} channels[{index}] \"{channel.Name}\"";

    public static string Actuator(int index, ActuatorDefinition actuator) => $"actuators[{index}] \"{actuator.Name}\"";

    /// <summary>
    /// Names the item at a JSON Pointer into the raw document (schema errors arrive that way): each array element
    /// is shown with its "name", or else its "id", when that is a string.
    /// </summary>
    public static string FromPointer(JsonNode? root, IReadOnlyList<string> segments)
    {
        if (segments.Count == 0)
        {
            return Board;
        }

        var text = new StringBuilder();
        JsonNode? node = root;
        foreach (var segment in segments)
        {
            if (node is JsonArray array && int.TryParse(segment, out var index))
            {
                text.Append('[').Append(index).Append(']');
                node = index >= 0 && index < array.Count ? array[index] : null;
                if (Label(node) is { } label)
                {
                    text.Append(" \"").Append(label).Append('"');
                }
            }
            else
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append(segment);
                node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
            }
        }

        return text.ToString();
    }

    private static string? Label(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        foreach (var key in new[] { "name", "id" })
        {
            if (obj.TryGetPropertyValue(key, out var value) && value is JsonValue scalar && scalar.TryGetValue<string>(out var label))
            {
                return label;
            }
        }

        return null;
    }
}
