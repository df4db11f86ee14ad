namespace Millwright.Protocol.Messages;

/// <summary>What a command asks an actuator to do.</summary>
public enum CommandAction
{
    /// <summary>Switch a relay/GPIO output off (value ignored).</summary>
    Off = 1,

    /// <summary>Switch a relay/GPIO output on (value ignored).</summary>
    On = 2,

    /// <summary>Set a PWM/analog output to <see cref="Command.Value"/> (0..1 duty or the board's unit).</summary>
    SetLevel = 3,

    /// <summary>Put the actuator in its board-defined safe state.</summary>
    SafeState = 4,
}
