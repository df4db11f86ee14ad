using System.Numerics;

namespace Millwright.Controller.Anchoring.State;

/// <summary>
/// A checkpoint the contract holds with enough confirmations: where (block number and time, Unix seconds), by which
/// transaction and at what gas, when that is known (a checkpoint found on chain without our receipt has none).
/// </summary>
internal sealed record AnchoredCheckpoint(
    LogCheckpoint Checkpoint,
    long BlockNumber,
    long BlockTime,
    string? TransactionHash,
    long? GasUsed,
    BigInteger? EffectiveGasPrice,
    DateTimeOffset ConfirmedAt)
{
    /// <summary>Hash of the block that recorded the checkpoint, from our receipt (null when unknown, or after a move).</summary>
    public string? BlockHash { get; init; }
}
