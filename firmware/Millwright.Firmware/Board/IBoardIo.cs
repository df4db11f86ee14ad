using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Board;

/// <summary>The board binding's hardware objects for the channels and actuators of its <see cref="BoardDescription"/>.</summary>
public interface IBoardIo
{
    /// <summary>The channel's reader, or null when the board binding has none (the channel's component then fails).</summary>
    ISensorChannel GetSensor(int channelId);

    IActuatorOutput GetActuator(int actuatorId);
}
