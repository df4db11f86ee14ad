using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;
using Millwright.Hardware.Virtual.Machine;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>
/// The board's sensors and actuators, built from its wiring (the board file) and attached to its simulated machine:
/// a sensor channel per wired quantity the machine has, an output per actuator, driving the machine input its name
/// says (<see cref="ActuatorRoles"/>).
/// </summary>
internal sealed class VirtualBoardIo : IBoardIo
{
    private readonly Dictionary<int, SimulatedSensorChannel> _sensors = [];
    private readonly Dictionary<int, SimulatedActuatorOutput> _actuators = [];

    public VirtualBoardIo(BoardDescription board, BoardWiring wiring, SimulatedMachine machine, IWorldTime time, int seed)
    {
        foreach (SensorWiring sensor in wiring.Sensors)
        {
            foreach (ChannelWiring channel in sensor.Channels)
            {
                if (SimulatedSensorChannel.Create(machine, sensor, channel, time, seed) is { } simulated)
                {
                    _sensors[channel.ChannelId] = simulated;
                }
            }
        }

        foreach (ActuatorDescription actuator in board.Actuators)
        {
            _actuators[actuator.ActuatorId] = new SimulatedActuatorOutput(machine, ActuatorRoles.For(actuator.Name, machine.Parameters), time);
        }
    }

    public IReadOnlyDictionary<int, SimulatedSensorChannel> Sensors => _sensors;

    public IReadOnlyDictionary<int, SimulatedActuatorOutput> Actuators => _actuators;

    public ISensorChannel? GetSensor(int channelId) => _sensors.GetValueOrDefault(channelId);

    public IActuatorOutput? GetActuator(int actuatorId) => _actuators.GetValueOrDefault(actuatorId);
}
