using System.Numerics;
using Millwright.Controller.Anchoring.Chain;

namespace Millwright.Controller.Anchoring.State;

/// <summary>One signed version of an in-flight anchor (the first, or a replacement with higher fees or another target).</summary>
internal sealed record SentTransaction(
    string Hash, string Raw, LogCheckpoint Target, BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas, long GasLimit, DateTimeOffset SignedAt)
{
    public static SentTransaction From(SignedChainTransaction signed, LogCheckpoint target, DateTimeOffset signedAt) =>
        new(signed.Hash, signed.Raw, target, signed.MaxFeePerGas, signed.MaxPriorityFeePerGas, signed.GasLimit, signedAt);

    public SignedChainTransaction ToSigned(long nonce) => new(Hash, Raw, nonce, MaxFeePerGas, MaxPriorityFeePerGas, GasLimit);

    public FeeQuote Fees => new(MaxFeePerGas, MaxPriorityFeePerGas);
}
