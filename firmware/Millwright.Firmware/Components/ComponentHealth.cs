namespace Millwright.Firmware.Components;

/// <summary>
/// The health of one component: its state, why it last failed, and counters for the console. Marking allocates
/// nothing (reasons are strings the component prepared in advance), so sensors can report from the sampling path.
/// </summary>
public sealed class ComponentHealth
{
    public ComponentHealth()
    {
        LastError = string.Empty;
    }

    public ComponentState State { get; private set; }

    public bool IsFailed
    {
        get { return State == ComponentState.Failed; }
    }

    /// <summary>The most recent error ("" until the first one); kept after recovery, for diagnosis.</summary>
    public string LastError { get; private set; }

    /// <summary>How many times the component went from working (or not set up) to failed.</summary>
    public long FailureCount { get; private set; }

    /// <summary>Every error recorded, including those while already failed.</summary>
    public long ErrorCount { get; private set; }

    /// <summary>Monotonic time of the last change of <see cref="State"/>.</summary>
    public long StateSinceMicros { get; private set; }

    public void MarkOk(long nowMicros)
    {
        if (State != ComponentState.Ok)
        {
            State = ComponentState.Ok;
            StateSinceMicros = nowMicros;
        }
    }

    public void MarkFailed(string reason, long nowMicros)
    {
        ErrorCount++;
        LastError = reason;
        if (State != ComponentState.Failed)
        {
            State = ComponentState.Failed;
            StateSinceMicros = nowMicros;
            FailureCount++;
        }
    }
}
