namespace Millwright.Protocol.Messages;

/// <summary>What a device did with a command.</summary>
public enum CommandOutcome
{
    Executed = 0,

    /// <summary>Malformed, or for another device; <see cref="CommandResult.Detail"/> says why.</summary>
    Rejected = 1,

    /// <summary>Arrived after its not-after time.</summary>
    Expired = 2,

    /// <summary>Its id is not above the last executed id.</summary>
    Replayed = 3,

    /// <summary>Refused by an interlock (range, minimum on/off time, rate limit).</summary>
    Interlock = 4,

    /// <summary>The board has no actuator with that id.</summary>
    UnknownActuator = 5,
}
