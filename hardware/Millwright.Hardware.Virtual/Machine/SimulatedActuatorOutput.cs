using Millwright.Firmware.Hardware;

namespace Millwright.Hardware.Virtual.Machine;

/// <summary>An actuator output of the virtual board: the value the firmware drives becomes a machine input.</summary>
internal sealed class SimulatedActuatorOutput : IActuatorOutput
{
    private readonly SimulatedMachine _machine;
    private readonly MachineInput? _input;
    private readonly IWorldTime _time;

    public SimulatedActuatorOutput(SimulatedMachine machine, MachineInput? input, IWorldTime time)
    {
        _machine = machine;
        _input = input;
        _time = time;
        if (input is { } driven)
        {
            machine.DriveBy(driven);
        }
    }

    public float Value { get; private set; } = float.NaN;

    public long Changes { get; private set; }

    public bool Apply(float value)
    {
        if (!float.IsFinite(value))
        {
            return false;
        }

        if (_input is { } input)
        {
            _machine.SetInput(input, value, _time.WorldMicros);
        }

        if (value != Value)
        {
            Changes++;
        }

        Value = value;
        return true;
    }
}
