namespace Millwright.Controller.Proofs.Export;

/// <summary>Where proof export learns which checkpoints are anchored.</summary>
internal interface IAnchorHistorySource
{
    /// <summary>The current history, or null when anchoring has never run for this log.</summary>
    Task<AnchorHistory?> LoadAsync(CancellationToken cancellationToken);
}
