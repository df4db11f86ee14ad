using System;

namespace Millwright.Firmware.Board;

public enum BusKind
{
    /// <summary>I2C: SDA and SCL, shared by every device on the bus (each at its own address).</summary>
    I2c = 1,

    /// <summary>SPI: SCK, MOSI and MISO shared; one chip-select pin per device.</summary>
    Spi = 2,
}
