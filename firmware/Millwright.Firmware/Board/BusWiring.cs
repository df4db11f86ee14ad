using System;

namespace Millwright.Firmware.Board;

/// <summary>
/// One I2C or SPI bus and its pins. Pins the bus kind does not use are <see cref="BoardWiring.NoPin"/>.
/// <see cref="Controller"/> is the nanoFramework bus number (1 = I2C1/SPI1, 2 = I2C2/SPI2) that the ESP32 binding
/// routes the pins to with Configuration.SetPinFunction before it opens the bus.
/// </summary>
public sealed class BusWiring
{
    public BusWiring(string id, BusKind kind, int controller, int frequencyHz)
    {
        Id = id;
        Kind = kind;
        Controller = controller;
        FrequencyHz = frequencyHz;
        SdaPin = BoardWiring.NoPin;
        SclPin = BoardWiring.NoPin;
        SckPin = BoardWiring.NoPin;
        MosiPin = BoardWiring.NoPin;
        MisoPin = BoardWiring.NoPin;
    }

    /// <summary>The bus's name in the board file; sensors refer to it by this name.</summary>
    public string Id { get; private set; }

    public BusKind Kind { get; private set; }

    public int Controller { get; private set; }

    public int FrequencyHz { get; private set; }

    /// <summary>I2C data.</summary>
    public int SdaPin { get; set; }

    /// <summary>I2C clock.</summary>
    public int SclPin { get; set; }

    /// <summary>SPI clock.</summary>
    public int SckPin { get; set; }

    public int MosiPin { get; set; }

    public int MisoPin { get; set; }
}
