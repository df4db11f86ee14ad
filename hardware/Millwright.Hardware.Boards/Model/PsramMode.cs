using System.Text.Json.Serialization;

namespace Millwright.Hardware.Boards.Model;

/// <summary>PSRAM on the module; it takes pins away from the application.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PsramMode>))]
public enum PsramMode
{
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Quad SPI PSRAM: GPIO16-17 on an ESP32 (WROVER); nothing beyond the flash pins on an ESP32-S3.</summary>
    [JsonStringEnumMemberName("quad")]
    Quad,

    /// <summary>Octal PSRAM (ESP32-S3R8): also GPIO33-37.</summary>
    [JsonStringEnumMemberName("octal")]
    Octal,
}
