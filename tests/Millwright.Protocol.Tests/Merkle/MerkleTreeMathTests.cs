using Millwright.Protocol.Merkle;

namespace Millwright.Protocol.Tests.Merkle;

public class MerkleTreeMathTests
{
    [Theory]
    [InlineData(2L, 1L)]
    [InlineData(3L, 2L)]
    [InlineData(4L, 2L)]
    [InlineData(5L, 4L)]
    [InlineData(8L, 4L)]
    [InlineData(9L, 8L)]
    [InlineData(4611686018427387904L, 2305843009213693952L)] // 2^62 -> 2^61
    [InlineData(4611686018427387905L, 4611686018427387904L)] // 2^62 + 1 -> 2^62
    [InlineData(long.MaxValue, 4611686018427387904L)]
    public void LargestPowerOfTwoBelow(long n, long expected)
    {
        Assert.Equal(expected, MerkleTreeMath.LargestPowerOfTwoBelow(n));
    }

    // The verifiers check the proof length up front. That must reject exactly what the RFC 9162 loops would
    // reject on sizes alone (sn reaching 0 early, or not at all), so the shortcut changes no verdict.
    [Fact]
    public void InclusionProofLengthIsExactlyWhatTheRfcLoopAccepts()
    {
        for (long size = 1; size <= 70; size++)
        {
            for (long index = 0; index < size; index++)
            {
                int expected = MerkleTreeMath.InclusionProofLength(index, size);
                for (int length = 0; length <= 12; length++)
                {
                    Assert.Equal(length == expected, VerifierTrace.Inclusion(index, size, length) != null);
                }
            }
        }
    }

    [Fact]
    public void ConsistencyProofLengthIsExactlyWhatTheRfcLoopAccepts()
    {
        for (long size2 = 2; size2 <= 70; size2++)
        {
            for (long size1 = 1; size1 < size2; size1++)
            {
                int expected = MerkleTreeMath.ConsistencyProofLength(size1, size2);
                for (int length = 0; length <= 14; length++)
                {
                    Assert.Equal(length == expected, VerifierTrace.Consistency(size1, size2, length) != null);
                }
            }
        }
    }

    [Fact]
    public void ProofLengthsStayLogarithmicAtTheExtremes()
    {
        Assert.Equal(63, MerkleTreeMath.InclusionProofLength(0, long.MaxValue));
        Assert.Equal(62, MerkleTreeMath.InclusionProofLength(long.MaxValue - 1, long.MaxValue));
        Assert.InRange(MerkleTreeMath.ConsistencyProofLength(1, long.MaxValue), 1, 130);
        Assert.InRange(MerkleTreeMath.ConsistencyProofLength(long.MaxValue - 1, long.MaxValue), 1, 130);
        Assert.InRange(MerkleTreeMath.ConsistencyProofLength(3, long.MaxValue), 1, 130);
    }
}
