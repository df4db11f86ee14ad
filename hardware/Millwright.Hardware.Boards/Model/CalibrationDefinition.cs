namespace Millwright.Hardware.Boards.Model;

/// <summary>Linear calibration: value = raw × scale + offset.</summary>
public sealed class CalibrationDefinition
{
    public static readonly CalibrationDefinition Identity = new() { Scale = 1, Offset = 0 };

    public double Scale { get; init; }

    public double Offset { get; init; }
}
