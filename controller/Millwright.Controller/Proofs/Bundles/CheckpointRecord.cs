namespace Millwright.Controller.Proofs.Bundles;

/// <summary>A checkpoint of the frame log (RFC 9162 tree size and root), with its anchoring record, or null when it is
/// not anchored.</summary>
internal sealed record CheckpointRecord(long TreeSize, byte[] Root, AnchorRecord? Anchor);
