namespace Millwright.Protocol.Merkle;

/// <summary>
/// Integer arithmetic on tree shapes, shared by proof generation and verification. Every loop runs at most
/// about 2 × 63 times, whatever the input, because sizes are at most <see cref="long.MaxValue"/>.
/// </summary>
internal static class MerkleTreeMath
{
    /// <summary>RFC 9162 §2.1.1: the largest power of two smaller than <paramref name="n"/> (n ≥ 2).</summary>
    public static long LargestPowerOfTwoBelow(long n)
    {
        long k = 1;
        while (k <= (n - 1) >> 1)
        {
            k <<= 1;
        }

        return k;
    }

    public static bool IsPowerOfTwo(long n)
    {
        return n > 0 && (n & (n - 1)) == 0;
    }

    public static int CountSetBits(long n)
    {
        int count = 0;
        while (n != 0)
        {
            n &= n - 1;
            count++;
        }

        return count;
    }

    /// <summary>
    /// Number of hashes in PATH(m, D[n]) (RFC 9162 §2.1.3.1), found by walking the same recursion without
    /// hashing. Requires 0 ≤ m &lt; n.
    /// </summary>
    public static int InclusionProofLength(long leafIndex, long treeSize)
    {
        int length = 0;
        long m = leafIndex;
        long n = treeSize;
        while (n > 1)
        {
            long k = LargestPowerOfTwoBelow(n);
            length++;
            if (m < k)
            {
                n = k;
            }
            else
            {
                m -= k;
                n -= k;
            }
        }

        return length;
    }

    /// <summary>
    /// Number of hashes in PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 §2.1.4.1), by the same walk.
    /// Requires 0 &lt; m ≤ n; m = n gives 0.
    /// </summary>
    public static int ConsistencyProofLength(long size1, long size2)
    {
        int length = 0;
        long m = size1;
        long n = size2;
        bool wholeOldTreeKnown = true;
        while (m != n)
        {
            long k = LargestPowerOfTwoBelow(n);
            length++;
            if (m <= k)
            {
                n = k;
            }
            else
            {
                m -= k;
                n -= k;
                wholeOldTreeKnown = false;
            }
        }

        return wholeOldTreeKnown ? length : length + 1;
    }
}
