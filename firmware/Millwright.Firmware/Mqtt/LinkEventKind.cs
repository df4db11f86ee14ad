namespace Millwright.Firmware.Mqtt;

/// <summary>What a queued <see cref="LinkEvent"/> reports.</summary>
public enum LinkEventKind
{
    None = 0,
    Connected = 1,
    Disconnected = 2,
    Message = 3,
}
