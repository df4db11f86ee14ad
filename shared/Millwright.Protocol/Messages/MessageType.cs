namespace Millwright.Protocol.Messages;

/// <summary>Value of payload key 1: what a signed payload is. Checked by every decoder, so no payload reads as another kind.</summary>
public enum MessageType
{
    Frame = 1,
    Gap = 2,
    Ack = 3,
    Command = 4,
    CommandResult = 5,
    Status = 6,
    ControllerState = 7,
}
