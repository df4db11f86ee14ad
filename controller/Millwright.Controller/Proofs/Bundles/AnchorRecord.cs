using System.Text.Json.Serialization;

namespace Millwright.Controller.Proofs.Bundles;

/// <summary>
/// Where a checkpoint was anchored: the chain (EIP-155 id), the MillwrightAnchor contract, the transaction and block
/// that recorded it (block time in Unix seconds). The transaction and block hashes are null when the controller found
/// the checkpoint on chain without its own receipt (docs/verification.md).
/// </summary>
internal sealed record AnchorRecord(long ChainId, string ContractAddress, string? TransactionHash, long BlockNumber, string? BlockHash, long BlockTime)
{
    /// <summary>The block time for a human reader; not read back (the verifier uses <see cref="BlockTime"/>).</summary>
    [JsonPropertyOrder(1)]
    public DateTimeOffset BlockTimeUtc => DateTimeOffset.FromUnixTimeSeconds(BlockTime);
}
