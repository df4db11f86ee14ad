namespace Millwright.Protocol.Messages;

/// <summary>Controller → device: act on one actuator, once, before a deadline.</summary>
public sealed class Command
{
    public Command()
    {
        DeviceId = string.Empty;
    }

    public string DeviceId { get; set; }

    /// <summary>Monotonic per device, from 1; the device executes only ids above the last one it executed.</summary>
    public ulong CommandId { get; set; }

    /// <summary>µs since the Unix epoch after which the device must not act (reports Expired).</summary>
    public long NotAfterMicros { get; set; }

    public int ActuatorId { get; set; }

    public CommandAction Action { get; set; }

    public float Value { get; set; }
}
