using System.Numerics;

namespace Millwright.Controller.Anchoring;

/// <summary>The state machine's rules, taken from <see cref="AnchorOptions"/> (fees in wei).</summary>
internal sealed record AnchorPolicy(
    int Confirmations,
    long MinFrames,
    TimeSpan MaxInterval,
    TimeSpan StuckAfter,
    double FeeBumpPercent,
    BigInteger MaxFeePerGas,
    TimeSpan FailureBackoff,
    int FinalityDepth)
{
    public static AnchorPolicy From(AnchorOptions options) => new(
        options.Confirmations,
        options.MinFrames,
        options.MaxInterval,
        options.StuckAfter,
        options.FeeBumpPercent,
        GweiToWei(options.MaxFeePerGasGwei),
        options.FailureBackoff,
        options.FinalityDepth);

    public static BigInteger GweiToWei(decimal gwei) => new(decimal.Round(gwei * 1_000_000_000m, 0, MidpointRounding.ToZero));
}
