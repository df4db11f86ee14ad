using System.Text.Json.Serialization;

namespace Millwright.Controller.Proofs.Bundles;

/// <summary>
/// Proof that the log at <see cref="Old"/> is a prefix of the log at <see cref="New"/> (RFC 9162 §2.1.4): nothing
/// stored before the old checkpoint was changed or removed by the time of the new one.
/// </summary>
internal sealed record ConsistencyProofBundle(CheckpointRecord Old, CheckpointRecord New, IReadOnlyList<byte[]> Path) : IProofBundle
{
    [JsonPropertyOrder(-2)]
    public string Format => ProofBundleJson.ConsistencyFormat;

    [JsonPropertyOrder(-1)]
    public int Version => ProofBundleJson.Version;
}
