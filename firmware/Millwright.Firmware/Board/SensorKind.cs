using System;

namespace Millwright.Firmware.Board;

/// <summary>The sensor driver a board binding builds for a <see cref="SensorWiring"/>.</summary>
public enum SensorKind
{
    /// <summary>Bosch BME280 on I2C or SPI: temperature, humidity and pressure.</summary>
    Bme280 = 1,

    /// <summary>An analog signal on one ADC pin, read as volts at the pin and calibrated to its unit.</summary>
    Adc = 2,
}
