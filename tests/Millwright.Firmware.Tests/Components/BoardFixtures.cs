using Millwright.Firmware.Board;

namespace Millwright.Firmware.Tests.Components;

/// <summary>Board descriptions of the shape hardware/boards/ will load: a BME280 with three channels and a thermocouple.</summary>
internal static class BoardFixtures
{
    public const int Temperature = 1;
    public const int Humidity = 2;
    public const int Pressure = 3;
    public const int Thermocouple = 10;

    public static BoardDescription Bme280AndThermocouple() => new(
        "test-board",
        [
            new ChannelDescription(Temperature, "temperature", "C", "bme280"),
            new ChannelDescription(Humidity, "humidity", "%", "bme280"),
            new ChannelDescription(Thermocouple, "spindle", "C", "max31855"),
            new ChannelDescription(Pressure, "pressure", "hPa", "bme280"),
        ],
        []);
}
