using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Commands;

/// <summary>
/// One actuator as the executor tracks it: its rules, its output, the value it was last driven to, when that
/// changed (monotonic µs), and the recent changes the rate limit counts. Not thread-safe: the executor locks.
/// </summary>
public sealed class ActuatorState
{
    private readonly long[] _changeTimes;
    private int _changeNext;
    private int _changeCount;

    public ActuatorState(ActuatorDescription description, IActuatorOutput output)
    {
        Description = description;
        Output = output;
        Value = description.SafeValue;
        HeldSafe = true;
        OutputFailed = output == null;
        _changeTimes = new long[description.MaxChangesPerMinute > 0 ? description.MaxChangesPerMinute : 0];
    }

    public ActuatorDescription Description { get; private set; }

    /// <summary>The board binding's output, or null when it has none (the actuator then counts as failed).</summary>
    public IActuatorOutput Output { get; private set; }

    /// <summary>The value the output was last driven to (its safe value before the first drive).</summary>
    public float Value { get; private set; }

    /// <summary>Monotonic µs of the last change of <see cref="Value"/> (the boot-time safe drive counts).</summary>
    public long LastChangeMicros { get; private set; }

    /// <summary>True at boot and after a fail-safe trip, until a valid command sets this actuator.</summary>
    public bool HeldSafe { get; set; }

    /// <summary>True while the actuator was forced safe by the fail-safe and no valid command has set it since.</summary>
    public bool ForcedByFailSafe { get; set; }

    /// <summary>True when the output is missing or refused the last drive.</summary>
    public bool OutputFailed { get; private set; }

    /// <summary>A switch counts as on at 0.5 and above.</summary>
    public bool IsOn
    {
        get { return Value >= 0.5f; }
    }

    /// <summary>Drives the output. Returns false when there is no output or the hardware refused (the value is then unchanged).</summary>
    public bool Drive(float value, long nowMicros)
    {
        if (Output == null || !Output.Apply(value))
        {
            OutputFailed = true;
            return false;
        }

        OutputFailed = false;
        if (value != Value)
        {
            RecordChange(nowMicros);
        }

        Value = value;
        return true;
    }

    /// <summary>
    /// Boot: the output was de-energised through the reset, so minimum on/off times count from here. The boot-time
    /// safe drive is not a change for the rate limit.
    /// </summary>
    public void StartAt(long nowMicros)
    {
        LastChangeMicros = nowMicros;
    }

    /// <summary>Changes recorded within <paramref name="windowMicros"/> before <paramref name="nowMicros"/> (only the newest few are kept: as many as the rate limit allows).</summary>
    public int ChangesWithin(long nowMicros, long windowMicros)
    {
        int count = 0;
        for (int i = 0; i < _changeCount; i++)
        {
            if (nowMicros - _changeTimes[i] < windowMicros)
            {
                count++;
            }
        }

        return count;
    }

    private void RecordChange(long nowMicros)
    {
        LastChangeMicros = nowMicros;
        if (_changeTimes.Length == 0)
        {
            return;
        }

        _changeTimes[_changeNext] = nowMicros;
        _changeNext = (_changeNext + 1) % _changeTimes.Length;
        if (_changeCount < _changeTimes.Length)
        {
            _changeCount++;
        }
    }
}
