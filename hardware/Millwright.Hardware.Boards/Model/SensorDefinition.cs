namespace Millwright.Hardware.Boards.Model;

/// <summary>One sensor component: on a bus (bme280) or on an ADC pin (adc), with its channels.</summary>
public sealed class SensorDefinition
{
    public string Id { get; init; } = "";

    public SensorType Type { get; init; }

    public string? Description { get; init; }

    public string? Bus { get; init; }

    /// <summary>7-bit I2C address (sensor on an I2C bus).</summary>
    public int? Address { get; init; }

    /// <summary>Chip select (sensor on an SPI bus).</summary>
    public int? ChipSelectPin { get; init; }

    /// <summary>ADC input pin (adc).</summary>
    public int? Pin { get; init; }

    public double? AttenuationDb { get; init; }

    public IReadOnlyList<ChannelDefinition> Channels { get; init; } = [];
}
