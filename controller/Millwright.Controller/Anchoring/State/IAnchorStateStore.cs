namespace Millwright.Controller.Anchoring.State;

/// <summary>
/// Where the anchoring state machine keeps its state (one chain and contract per store) and the history of final
/// anchors. <see cref="SaveAsync"/> replaces the state atomically: after a crash at any point the store holds either
/// the old or the new state whole.
/// </summary>
internal interface IAnchorStateStore
{
    /// <summary>The saved state, or null before the first save.</summary>
    Task<AnchorState?> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(AnchorState state, CancellationToken cancellationToken);

    /// <summary>Appends a checkpoint that passed the finality depth; appending one already there is a no-op.</summary>
    Task AppendFinalAsync(AnchoredCheckpoint anchored, CancellationToken cancellationToken);

    /// <summary>Keeps the saved state and history of another contract out of the way (renamed, not deleted).</summary>
    Task SetAsideAsync(string contractAddress, CancellationToken cancellationToken);

    /// <summary>Every final anchor, oldest first.</summary>
    Task<IReadOnlyList<AnchoredCheckpoint>> ReadFinalAsync(CancellationToken cancellationToken);
}
