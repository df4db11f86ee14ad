using Millwright.Controller.Storage;

namespace Millwright.Controller.Tests.Storage;

public sealed class SequenceCoverageTests
{
    [Fact]
    public void InOrderSequencesMoveTheWatermark()
    {
        var coverage = new SequenceCoverage(0, []);
        for (long s = 1; s <= 5; s++)
        {
            coverage.Add(s, s);
        }

        Assert.Equal(5, coverage.Contiguous);
        Assert.Empty(coverage.Islands);
        Assert.Empty(coverage.OpenGaps());
    }

    [Fact]
    public void OutOfOrderArrivalLeavesGapsUntilFilled()
    {
        var coverage = new SequenceCoverage(0, []);
        coverage.Add(1, 1);
        coverage.Add(4, 4);
        coverage.Add(7, 7);
        coverage.Add(5, 5);

        Assert.Equal(1, coverage.Contiguous);
        Assert.Equal(7, coverage.Highest);
        Assert.Equal([new SequenceRange(2, 3), new SequenceRange(6, 6)], coverage.OpenGaps().ToList());

        coverage.Add(3, 3);
        coverage.Add(2, 2);
        Assert.Equal(5, coverage.Contiguous);
        Assert.Equal([new SequenceRange(6, 6)], coverage.OpenGaps().ToList());

        coverage.Add(6, 6);
        Assert.Equal(7, coverage.Contiguous);
        Assert.Empty(coverage.Islands);
    }

    [Fact]
    public void ARangeBridgesSeveralIslands()
    {
        var coverage = new SequenceCoverage(0, []);
        coverage.Add(10, 10);
        coverage.Add(20, 21);
        coverage.Add(30, 30);
        coverage.Add(12, 25); // a gap record's dropped range: overlaps one island, touches none of the others

        Assert.Equal([new SequenceRange(10, 10), new SequenceRange(12, 25), new SequenceRange(30, 30)], coverage.Islands.ToList());
        coverage.Add(11, 11);
        Assert.Equal([new SequenceRange(10, 25), new SequenceRange(30, 30)], coverage.Islands.ToList());
        coverage.Add(1, 9);
        Assert.Equal(25, coverage.Contiguous);
        Assert.Equal([new SequenceRange(26, 29)], coverage.OpenGaps().ToList());
    }

    [Fact]
    public void OverlapsWithTheWatermarkAreHarmless()
    {
        var coverage = new SequenceCoverage(10, []);
        coverage.Add(3, 8);
        coverage.Add(5, 12);
        Assert.Equal(12, coverage.Contiguous);
    }

    [Fact]
    public void TheLargestSequenceDoesNotOverflow()
    {
        var coverage = new SequenceCoverage(0, []);
        coverage.Add(long.MaxValue, long.MaxValue);
        coverage.Add(long.MaxValue - 1, long.MaxValue - 1);
        Assert.Equal([new SequenceRange(long.MaxValue - 1, long.MaxValue)], coverage.Islands.ToList());
        coverage.Add(1, long.MaxValue - 2);
        Assert.Equal(long.MaxValue, coverage.Contiguous);
        Assert.Empty(coverage.Islands);
        coverage.Add(long.MaxValue, long.MaxValue);
        Assert.Equal(long.MaxValue, coverage.Contiguous);
    }

    [Fact]
    public void CloneIsIndependent()
    {
        var coverage = new SequenceCoverage(2, [new SequenceRange(5, 6)]);
        SequenceCoverage copy = coverage.Clone();
        copy.Add(3, 4);
        Assert.Equal(2, coverage.Contiguous);
        Assert.Single(coverage.Islands);
        Assert.Equal(6, copy.Contiguous);
    }

    [Fact]
    public void RefusesRangesOutsideTheProtocol()
    {
        var coverage = new SequenceCoverage(0, []);
        Assert.Throws<ArgumentOutOfRangeException>(() => coverage.Add(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => coverage.Add(5, 4));
    }

    [Fact]
    public void MatchesANaiveSetOnRandomArrivals()
    {
        var random = new Random(1234);
        for (int round = 0; round < 200; round++)
        {
            var coverage = new SequenceCoverage(0, []);
            var covered = new HashSet<long>();
            for (int step = 0; step < 30; step++)
            {
                long first = random.Next(1, 60);
                long last = random.Next(0, 4) == 0 ? first + random.Next(0, 8) : first;
                coverage.Add(first, last);
                for (long s = first; s <= last; s++)
                {
                    covered.Add(s);
                }

                long contiguous = 0;
                while (covered.Contains(contiguous + 1))
                {
                    contiguous++;
                }

                Assert.Equal(contiguous, coverage.Contiguous);
                Assert.Equal(covered.Max(), coverage.Highest);
                long missing = coverage.OpenGaps().Sum(g => g.Last - g.First + 1);
                Assert.Equal(covered.Max() - covered.Count, missing);
            }
        }
    }
}
