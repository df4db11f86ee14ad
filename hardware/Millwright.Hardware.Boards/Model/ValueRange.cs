namespace Millwright.Hardware.Boards.Model;

/// <summary>Allowed commanded values of an actuator.</summary>
public sealed class ValueRange
{
    public static readonly ValueRange Unit = new() { Min = 0, Max = 1 };

    public double Min { get; init; }

    public double Max { get; init; }
}
