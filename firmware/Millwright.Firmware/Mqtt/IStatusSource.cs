using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Mqtt;

/// <summary>
/// Fills the status message the session signs for its birth (after every connect, and periodically) and for its Will
/// (the death, registered at every connect). The session sets <see cref="StatusMessage.Online"/> and the device id
/// itself; the source fills the rest (boot counter, time, firmware, board, channels, health).
/// </summary>
public interface IStatusSource
{
    void FillStatus(StatusMessage status);
}
