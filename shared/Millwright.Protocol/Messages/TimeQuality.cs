namespace Millwright.Protocol.Messages;

/// <summary>How far a device trusts its clock when it stamps samples.</summary>
public enum TimeQuality
{
    /// <summary>Not yet set since boot: the time counts from an arbitrary start and must not be trusted as UTC.</summary>
    Unsynced = 0,

    /// <summary>Set from SNTP.</summary>
    Sntp = 1,

    /// <summary>Set from the controller time carried in an ack.</summary>
    Controller = 2,
}
