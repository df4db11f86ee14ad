namespace Millwright.Protocol.Messages;

/// <summary>
/// Controller → device: every sequence number up to <see cref="AckedSequence"/> is durably stored (or covered by a
/// stored gap record), so the device may free it. Carries the controller's clock for devices without SNTP.
/// </summary>
public sealed class Ack
{
    public Ack()
    {
        DeviceId = string.Empty;
    }

    public string DeviceId { get; set; }

    /// <summary>Highest contiguous sequence number stored; 0 when nothing is stored yet.</summary>
    public ulong AckedSequence { get; set; }

    public long ControllerTimeMicros { get; set; }
}
