using System.Text.Json.Serialization;

namespace Millwright.Hardware.Boards.Model;

[JsonConverter(typeof(JsonStringEnumConverter<BusType>))]
public enum BusType
{
    [JsonStringEnumMemberName("i2c")]
    I2c,

    [JsonStringEnumMemberName("spi")]
    Spi,
}
