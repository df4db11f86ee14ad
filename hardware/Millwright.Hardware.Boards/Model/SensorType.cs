using System.Text.Json.Serialization;

namespace Millwright.Hardware.Boards.Model;

[JsonConverter(typeof(JsonStringEnumConverter<SensorType>))]
public enum SensorType
{
    /// <summary>Bosch BME280 on I2C or SPI: temperature, humidity, pressure.</summary>
    [JsonStringEnumMemberName("bme280")]
    Bme280,

    /// <summary>An analog signal on one ADC pin.</summary>
    [JsonStringEnumMemberName("adc")]
    Adc,
}
