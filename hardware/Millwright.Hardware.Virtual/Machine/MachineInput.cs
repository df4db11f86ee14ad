namespace Millwright.Hardware.Virtual.Machine;

/// <summary>What an actuator of the virtual board drives on the simulated machine (all 0..1).</summary>
internal enum MachineInput
{
    /// <summary>Drive speed as a share of the rated speed.</summary>
    Speed = 1,

    /// <summary>Load as a share of the rated load (feed, pressing force).</summary>
    Load = 2,

    /// <summary>Coolant pump: off (0) or on (1).</summary>
    Coolant = 3,

    /// <summary>Extraction fan level.</summary>
    Extraction = 4,
}
