using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>An output that records every value it was driven to; it can be told to refuse.</summary>
public sealed class CommandFakeActuatorOutput : IActuatorOutput
{
    public List<float> Applied { get; } = [];

    public bool Refuse { get; set; }

    public float? Last => Applied.Count == 0 ? null : Applied[^1];

    public bool Apply(float value)
    {
        if (Refuse)
        {
            return false;
        }

        Applied.Add(value);
        return true;
    }
}

/// <summary>A sensor whose reading the test sets; it can be told to fail.</summary>
public sealed class CommandFakeSensor : ISensorChannel
{
    public float Value { get; set; } = 21.5f;

    public bool Fail { get; set; }

    public bool TryRead(out float value)
    {
        value = Fail ? 0f : Value;
        return !Fail;
    }
}

/// <summary>A board binding made of fakes, keyed by channel and actuator id.</summary>
public sealed class CommandFakeBoardIo : IBoardIo
{
    public Dictionary<int, ISensorChannel> Sensors { get; } = [];

    public Dictionary<int, IActuatorOutput> Actuators { get; } = [];

    public ISensorChannel? GetSensor(int channelId) => Sensors.GetValueOrDefault(channelId);

    public IActuatorOutput? GetActuator(int actuatorId) => Actuators.GetValueOrDefault(actuatorId);
}
