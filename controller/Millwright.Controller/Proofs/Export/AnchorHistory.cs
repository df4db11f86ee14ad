using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Proofs.Export;

/// <summary>
/// The checkpoints anchored in one contract with enough confirmations, smallest first (the anchoring service's final
/// history and those it still watches), and those still on their way (queued or in flight), for telling a caller
/// what to wait for.
/// </summary>
internal sealed record AnchorHistory(long ChainId, string ContractAddress, IReadOnlyList<AnchoredCheckpoint> Anchored, IReadOnlyList<LogCheckpoint> Pending)
{
    /// <summary>The earliest anchored checkpoint whose tree holds <paramref name="treeSize"/> leaves or more: the
    /// tightest time bound for a leaf at index treeSize − 1.</summary>
    public AnchoredCheckpoint? EarliestCovering(long treeSize) =>
        Anchored.FirstOrDefault(anchored => anchored.Checkpoint.Size >= treeSize);

    public AnchoredCheckpoint? AtSize(long treeSize) =>
        Anchored.FirstOrDefault(anchored => anchored.Checkpoint.Size == treeSize);

    public AnchoredCheckpoint? Newest => Anchored.Count > 0 ? Anchored[^1] : null;

    /// <summary>Builds a history from the state file's content and the final anchors, in size order, each size once.</summary>
    public static AnchorHistory From(AnchorState state, IReadOnlyList<AnchoredCheckpoint> final)
    {
        List<AnchoredCheckpoint> anchored = final.Concat(state.LastFinal is { } last ? [last] : []).Concat(state.Watched)
            .GroupBy(a => a.Checkpoint.Size)
            .Select(sameSize => sameSize.Last())
            .OrderBy(a => a.Checkpoint.Size)
            .ToList();
        List<LogCheckpoint> pending = state.Queue.Select(queued => queued.Checkpoint)
            .Concat(state.InFlight is { } inFlight ? [inFlight.Target] : [])
            .DistinctBy(checkpoint => checkpoint.Size)
            .OrderBy(checkpoint => checkpoint.Size)
            .ToList();
        return new AnchorHistory(state.ChainId, state.ContractAddress, anchored, pending);
    }
}
