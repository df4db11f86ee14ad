namespace Millwright.Hardware.Virtual.Machine;

/// <summary>The machine's true values at one moment, before any sensor noise.</summary>
internal readonly record struct MachineReading(
    long TimeMicros,
    MachineCondition Condition,
    double Speed,
    double Load,
    double TemperatureC,
    double HumidityPercent,
    double PressureHpa,
    double CurrentA,
    double VibrationAmplitudeG,
    double SupplyVoltageV,
    double Wear);
