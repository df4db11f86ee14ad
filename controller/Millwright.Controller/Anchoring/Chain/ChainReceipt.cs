using System.Numerics;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary>A mined transaction. <see cref="Succeeded"/> false is status 0: it reverted, and changed nothing but the nonce and the sender's balance.</summary>
internal sealed record ChainReceipt(
    string TransactionHash, bool Succeeded, long BlockNumber, string BlockHash, long GasUsed, BigInteger EffectiveGasPrice);
