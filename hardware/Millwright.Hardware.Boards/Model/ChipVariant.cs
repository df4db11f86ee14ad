using System.Text.Json.Serialization;

namespace Millwright.Hardware.Boards.Model;

[JsonConverter(typeof(JsonStringEnumConverter<ChipVariant>))]
public enum ChipVariant
{
    [JsonStringEnumMemberName("esp32")]
    Esp32,

    [JsonStringEnumMemberName("esp32-s3")]
    Esp32S3,

    /// <summary>The Linux virtual board: no pins, so no pin rules.</summary>
    [JsonStringEnumMemberName("virtual")]
    Virtual,
}
