using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>A scriptable sensor channel: a value source, failure and exception switches, a read counter and a read duration.</summary>
public sealed class FakeSensorChannel : ISensorChannel
{
    private readonly FakeClock? _clock;

    public FakeSensorChannel(float value = 20f, FakeClock? clock = null)
    {
        Value = value;
        _clock = clock;
    }

    public float Value { get; set; }

    /// <summary>Added to <see cref="Value"/> after each read (a ramp), so oversampling can be checked.</summary>
    public float StepPerRead { get; set; }

    public bool Fail { get; set; }

    public bool Throw { get; set; }

    /// <summary>How long a read takes on the fake clock.</summary>
    public long ReadMicros { get; set; }

    /// <summary>Decides per read (by read index from 0) whether it fails; overrides <see cref="Fail"/> when set.</summary>
    public Func<int, bool>? FailWhen { get; set; }

    public int Reads { get; private set; }

    public bool TryRead(out float value)
    {
        int index = Reads++;
        if (ReadMicros > 0)
        {
            _clock!.Advance(ReadMicros);
        }

        if (Throw)
        {
            throw new InvalidOperationException("bus fault");
        }

        bool fail = FailWhen?.Invoke(index) ?? Fail;
        value = fail ? 0f : Value;
        if (!fail)
        {
            Value += StepPerRead;
        }

        return !fail;
    }
}

/// <summary>A board binding of fakes: sensor channels and actuator outputs keyed by id (missing ones are null).</summary>
public sealed class FakeSensors : IBoardIo
{
    public Dictionary<int, FakeSensorChannel> Channels { get; } = [];

    public Dictionary<int, IActuatorOutput> Actuators { get; } = [];

    public FakeSensorChannel Add(int channelId, float value = 20f, FakeClock? clock = null)
    {
        var channel = new FakeSensorChannel(value, clock);
        Channels[channelId] = channel;
        return channel;
    }

    public ISensorChannel? GetSensor(int channelId) => Channels.GetValueOrDefault(channelId);

    public IActuatorOutput? GetActuator(int actuatorId) => Actuators.GetValueOrDefault(actuatorId);
}
