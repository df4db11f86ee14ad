namespace Millwright.Controller.Anchoring.State;

/// <summary>Running totals of the state machine's transitions since the state file was created.</summary>
internal sealed record AnchorCounters
{
    public long Submitted { get; init; }

    public long Confirmed { get; init; }

    public long Reverted { get; init; }

    public long Reorged { get; init; }

    public long FeeBumps { get; init; }

    public long Rebroadcasts { get; init; }

    public long NonceResyncs { get; init; }

    public long Superseded { get; init; }
}
