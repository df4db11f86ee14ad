namespace Millwright.Hardware.Virtual.Machine;

/// <summary>
/// The machine's state, saved in the board's data directory so a restarted board process finds its machine as it left
/// it (a node's reboot does not repair a worn spindle). Plain data for System.Text.Json.
/// </summary>
internal sealed record MachineSnapshot
{
    public long TimeMicros { get; init; }

    public long Steps { get; init; }

    public MachineCondition Condition { get; init; }

    public double TemperatureC { get; init; }

    public double Wear { get; init; }

    public double PressureOffsetHpa { get; init; }

    public double MaintenanceRemainingSeconds { get; init; }

    public double Speed { get; init; }

    public double Load { get; init; }

    public double Coolant { get; init; }

    public double Extraction { get; init; }

    public bool SpeedDriven { get; init; }

    public bool LoadDriven { get; init; }

    public double ProgramLoad { get; init; }

    public double ProgramRemainingSeconds { get; init; }

    public bool ProgramInJob { get; init; }

    public long Failures { get; init; }

    public long Maintenances { get; init; }
}
