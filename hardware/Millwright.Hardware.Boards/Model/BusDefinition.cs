namespace Millwright.Hardware.Boards.Model;

/// <summary>An I2C bus (sdaPin, sclPin) or an SPI bus (sckPin, mosiPin, misoPin).</summary>
public sealed class BusDefinition
{
    public string Id { get; init; } = "";

    public BusType Type { get; init; }

    /// <summary>nanoFramework bus number: 1 = I2C1/SPI1, 2 = I2C2/SPI2.</summary>
    public int Controller { get; init; }

    public int FrequencyHz { get; init; }

    public int? SdaPin { get; init; }

    public int? SclPin { get; init; }

    public int? SckPin { get; init; }

    public int? MosiPin { get; init; }

    public int? MisoPin { get; init; }
}
