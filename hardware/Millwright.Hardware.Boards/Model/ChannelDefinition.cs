namespace Millwright.Hardware.Boards.Model;

/// <summary>One sampled quantity of a sensor.</summary>
public sealed class ChannelDefinition
{
    /// <summary>Channel id on the wire, unique on the board.</summary>
    public int Id { get; init; }

    public string Name { get; init; } = "";

    /// <summary>temperature, humidity, pressure, acceleration, current or voltage.</summary>
    public string Quantity { get; init; } = "";

    public string Unit { get; init; } = "";

    /// <summary>Sampling period; null means the board default.</summary>
    public int? PeriodMs { get; init; }

    /// <summary>Raw reads averaged into one sample; null means the board default.</summary>
    public int? Oversample { get; init; }

    public CalibrationDefinition? Calibration { get; init; }
}
