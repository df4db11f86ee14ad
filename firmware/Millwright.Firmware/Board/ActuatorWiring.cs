using System;

namespace Millwright.Firmware.Board;

/// <summary>
/// The pin behind one actuator. Its rules (range, safe value, minimum on/off times) are in the matching
/// <see cref="ActuatorDescription"/>; this says only how to drive it.
/// </summary>
public sealed class ActuatorWiring
{
    public ActuatorWiring(int actuatorId, ActuatorKind kind, int pin)
    {
        ActuatorId = actuatorId;
        Kind = kind;
        Pin = pin;
    }

    public int ActuatorId { get; private set; }

    public ActuatorKind Kind { get; private set; }

    public int Pin { get; private set; }

    /// <summary>A switch that is on when its pin is low (most relay modules with an optocoupler input).</summary>
    public bool ActiveLow { get; set; }

    /// <summary>PWM frequency; 0 for a switch.</summary>
    public int FrequencyHz { get; set; }
}
