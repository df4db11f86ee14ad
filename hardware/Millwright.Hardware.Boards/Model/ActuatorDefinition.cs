namespace Millwright.Hardware.Boards.Model;

/// <summary>One output, its pin and its interlocks.</summary>
public sealed class ActuatorDefinition
{
    /// <summary>Actuator id in commands, unique on the board.</summary>
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public ActuatorType Type { get; init; }

    public string? Description { get; init; }

    public int Pin { get; init; }

    public bool ActiveLow { get; init; }

    public int? FrequencyHz { get; init; }

    public double SafeState { get; init; }

    /// <summary>Allowed commanded values; null means 0 to 1.</summary>
    public ValueRange? Range { get; init; }

    public int MinOnMs { get; init; }

    public int MinOffMs { get; init; }

    public int MaxChangesPerMinute { get; init; }

    public bool IsSwitch => Type != ActuatorType.Pwm;

    public ValueRange EffectiveRange => Range ?? ValueRange.Unit;
}
