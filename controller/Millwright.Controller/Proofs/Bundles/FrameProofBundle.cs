using System.Text.Json.Serialization;

namespace Millwright.Controller.Proofs.Bundles;

/// <summary>
/// Everything needed to prove one stored frame without the controller: the signed frame bytes as the device sent them
/// (the leaf is SHA-256(0x00 ‖ these bytes)), the controller's claims about it (device, epoch, sequence), its leaf
/// index (log index − 1), the RFC 9162 §2.1.3 inclusion path (bottom-up) and the checkpoint the path leads to.
/// </summary>
internal sealed record FrameProofBundle(
    string DeviceId,
    int Epoch,
    long Sequence,
    long LeafIndex,
    byte[] SignedFrame,
    IReadOnlyList<byte[]> InclusionPath,
    CheckpointRecord Checkpoint) : IProofBundle
{
    [JsonPropertyOrder(-2)]
    public string Format => ProofBundleJson.FrameFormat;

    [JsonPropertyOrder(-1)]
    public int Version => ProofBundleJson.Version;
}
