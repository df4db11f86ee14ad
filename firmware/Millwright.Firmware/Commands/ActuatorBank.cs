using Millwright.Firmware.Board;

namespace Millwright.Firmware.Commands;

/// <summary>The board's actuators, looked up by id, with the one operation that ignores interlocks: going safe.</summary>
public sealed class ActuatorBank
{
    private readonly ActuatorState[] _actuators;

    public ActuatorBank(BoardDescription board, IBoardIo io)
    {
        ActuatorDescription[] descriptions = board.Actuators == null ? new ActuatorDescription[0] : board.Actuators;
        _actuators = new ActuatorState[descriptions.Length];
        for (int i = 0; i < descriptions.Length; i++)
        {
            _actuators[i] = new ActuatorState(descriptions[i], io.GetActuator(descriptions[i].ActuatorId));
        }
    }

    public int Count
    {
        get { return _actuators.Length; }
    }

    public ActuatorState this[int index]
    {
        get { return _actuators[index]; }
    }

    /// <summary>The actuator with <paramref name="actuatorId"/>, or null when the board has none.</summary>
    public ActuatorState Find(int actuatorId)
    {
        for (int i = 0; i < _actuators.Length; i++)
        {
            if (_actuators[i].Description.ActuatorId == actuatorId)
            {
                return _actuators[i];
            }
        }

        return null;
    }

    /// <summary>Drives every actuator to its safe value, past the interlocks; returns how many outputs refused.</summary>
    public int DriveAllSafe(long nowMicros, bool byFailSafe)
    {
        int failures = 0;
        for (int i = 0; i < _actuators.Length; i++)
        {
            ActuatorState actuator = _actuators[i];
            if (!actuator.Drive(actuator.Description.SafeValue, nowMicros))
            {
                failures++;
            }

            actuator.HeldSafe = true;
            if (byFailSafe)
            {
                actuator.ForcedByFailSafe = true;
            }
        }

        return failures;
    }
}
