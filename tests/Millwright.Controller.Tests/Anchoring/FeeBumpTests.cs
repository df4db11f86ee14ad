using System.Numerics;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Chain;

namespace Millwright.Controller.Tests.Anchoring;

public sealed class FeeBumpTests
{
    private static readonly BigInteger Cap = 1_000_000;

    [Fact]
    public void Both_fees_rise_by_at_least_the_percent_rounded_up()
    {
        FeeQuote next = FeeBump.Next(new FeeQuote(1000, 101), new FeeQuote(0, 0), 12.5, Cap)!;
        Assert.Equal(new FeeQuote(1125, 114), next); // 101 * 1.125 = 113.6 → 114
    }

    [Fact]
    public void A_higher_suggestion_wins_over_the_minimum_raise()
    {
        Assert.Equal(new FeeQuote(5000, 300), FeeBump.Next(new FeeQuote(1000, 100), new FeeQuote(5000, 300), 12.5, Cap));
    }

    [Fact]
    public void The_cap_limits_the_fee_and_no_replacement_is_offered_when_it_leaves_no_valid_raise()
    {
        Assert.Equal(new FeeQuote(1200, 300), FeeBump.Next(new FeeQuote(1000, 100), new FeeQuote(5000, 300), 12.5, 1200));
        Assert.Null(FeeBump.Next(new FeeQuote(1000, 100), new FeeQuote(5000, 300), 12.5, 1100));
    }

    [Fact]
    public void The_tip_never_exceeds_the_fee_cap()
    {
        FeeQuote next = FeeBump.Next(new FeeQuote(1000, 1000), new FeeQuote(0, 0), 20, Cap)!;
        Assert.Equal(new FeeQuote(1200, 1200), next);
        Assert.Null(FeeBump.Next(new FeeQuote(1000, 1000), new FeeQuote(0, 0), 20, 1199));
    }
}
