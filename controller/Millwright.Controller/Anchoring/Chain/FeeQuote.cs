using System.Numerics;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary>EIP-1559 fees in wei: the most per gas the sender pays, and the part of it offered to the block producer.</summary>
internal sealed record FeeQuote(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas);
