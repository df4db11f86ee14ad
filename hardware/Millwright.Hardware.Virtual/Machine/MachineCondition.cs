namespace Millwright.Hardware.Virtual.Machine;

internal enum MachineCondition
{
    /// <summary>Turning (speed above zero).</summary>
    Running = 0,

    /// <summary>Healthy and stopped (speed zero).</summary>
    Idle = 1,

    /// <summary>Failed: stopped whatever the actuators say, until maintenance.</summary>
    Broken = 2,

    /// <summary>Being maintained: stopped for the maintenance time, then healthy with its wear reset.</summary>
    Maintenance = 3,
}
