namespace Millwright.Hardware.Virtual.Machine;

/// <summary>
/// Which machine input an actuator of the board drives, found from its name: an override from the machine parameters
/// first, then words in the name ("speed", "spindle", "drive" → speed; "load", "feed" → load; "coolant" → coolant;
/// "extraction", "fan", "vent" → extraction). An actuator matching none is accepted and moves nothing.
/// </summary>
internal static class ActuatorRoles
{
    private static readonly (string Word, MachineInput Input)[] Words =
    [
        ("speed", MachineInput.Speed),
        ("spindle", MachineInput.Speed),
        ("drive", MachineInput.Speed),
        ("load", MachineInput.Load),
        ("feed", MachineInput.Load),
        ("coolant", MachineInput.Coolant),
        ("extraction", MachineInput.Extraction),
        ("fan", MachineInput.Extraction),
        ("vent", MachineInput.Extraction),
    ];

    public static MachineInput? For(string actuatorName, MachineParameters parameters)
    {
        if (parameters.ActuatorRoleOverrides.TryGetValue(actuatorName, out MachineInput input))
        {
            return input;
        }

        foreach ((string word, MachineInput match) in Words)
        {
            if (actuatorName.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return match;
            }
        }

        return null;
    }
}
