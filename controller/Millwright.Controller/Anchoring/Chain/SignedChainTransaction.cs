using System.Numerics;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary>A signed EIP-1559 transaction: its hash (known before sending) and raw bytes as hex with 0x.</summary>
internal sealed record SignedChainTransaction(
    string Hash, string Raw, long Nonce, BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas, long GasLimit)
{
    public FeeQuote Fees => new(MaxFeePerGas, MaxPriorityFeePerGas);
}
