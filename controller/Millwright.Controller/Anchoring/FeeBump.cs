using System.Numerics;
using Millwright.Controller.Anchoring.Chain;

namespace Millwright.Controller.Anchoring;

/// <summary>
/// Fees for a replacement with the same nonce. Nodes take a replacement only if both the fee cap and the tip rise by
/// a margin (geth: 10 %); we raise both by the configured percent (at least 12.5 %), or to the current suggestion if
/// that is higher, and never past the cap.
/// </summary>
internal static class FeeBump
{
    /// <summary>The replacement's fees, or null when the cap leaves no room for a raise the node would accept.</summary>
    public static FeeQuote? Next(FeeQuote previous, FeeQuote suggested, double percent, BigInteger cap)
    {
        BigInteger minimumFee = Raise(previous.MaxFeePerGas, percent);
        BigInteger minimumTip = Raise(previous.MaxPriorityFeePerGas, percent);
        BigInteger fee = BigInteger.Min(BigInteger.Max(minimumFee, suggested.MaxFeePerGas), cap);
        BigInteger tip = BigInteger.Min(BigInteger.Max(minimumTip, suggested.MaxPriorityFeePerGas), fee);
        return fee < minimumFee || tip < minimumTip ? null : new FeeQuote(fee, tip);
    }

    /// <summary><paramref name="value"/> raised by <paramref name="percent"/>, rounded up to the next wei.</summary>
    public static BigInteger Raise(BigInteger value, double percent)
    {
        var basisPoints = new BigInteger(Math.Ceiling(percent * 100));
        return (value * (10_000 + basisPoints) + 9_999) / 10_000;
    }
}
