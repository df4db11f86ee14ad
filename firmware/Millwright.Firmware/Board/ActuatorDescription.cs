namespace Millwright.Firmware.Board;

/// <summary>One output and its interlocks, enforced on the device whatever the controller asks.</summary>
public sealed class ActuatorDescription
{
    public ActuatorDescription(int actuatorId, string name, ActuatorKind kind, float safeValue)
    {
        ActuatorId = actuatorId;
        Name = name;
        Kind = kind;
        SafeValue = safeValue;
        Minimum = 0f;
        Maximum = 1f;
    }

    public int ActuatorId { get; private set; }

    public string Name { get; private set; }

    public ActuatorKind Kind { get; private set; }

    /// <summary>The output when the controller is gone, at boot, and after a fault.</summary>
    public float SafeValue { get; private set; }

    /// <summary>Allowed range of commanded values.</summary>
    public float Minimum { get; set; }

    public float Maximum { get; set; }

    /// <summary>A switch must stay on at least this long before it may go off (0 = no limit).</summary>
    public int MinimumOnMilliseconds { get; set; }

    /// <summary>A switch must stay off at least this long before it may go on again (0 = no limit).</summary>
    public int MinimumOffMilliseconds { get; set; }

    /// <summary>Most changes of output accepted per minute (0 = no limit).</summary>
    public int MaxChangesPerMinute { get; set; }
}
