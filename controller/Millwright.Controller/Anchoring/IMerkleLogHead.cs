namespace Millwright.Controller.Anchoring;

/// <summary>
/// The frame log's current checkpoint, as the anchoring service sees it. Implemented by the Merkle log over the frame
/// store (every stored frame a leaf, in storage order); the service only reads it.
/// </summary>
internal interface IMerkleLogHead
{
    /// <summary>The log's size and root now, or null while the log is empty.</summary>
    ValueTask<LogCheckpoint?> GetHeadAsync(CancellationToken cancellationToken);
}
