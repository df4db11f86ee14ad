namespace Millwright.Protocol.Messages;

/// <summary>Device → controller, signed: the outcome of one command and the actuator's state afterwards.</summary>
public sealed class CommandResult
{
    public CommandResult()
    {
        DeviceId = string.Empty;
        Detail = string.Empty;
    }

    public string DeviceId { get; set; }

    public ulong CommandId { get; set; }

    public CommandOutcome Outcome { get; set; }

    /// <summary>Short reason for anything but Executed ("" otherwise).</summary>
    public string Detail { get; set; }

    public long TimeMicros { get; set; }

    public int ActuatorId { get; set; }

    /// <summary>The actuator's output after the command (0/1 for switches, the level for PWM).</summary>
    public float Value { get; set; }
}
