namespace Millwright.Protocol.Tests.Merkle;

/// <summary>
/// Runs the control flow of the RFC 9162 verification algorithms on sizes alone, without hashing: the string of
/// branch choices a verifier makes for a proof of <c>proofLength</c> hashes, or null when the algorithm fails on
/// sizes alone (index ≥ size, sn reaching 0 too early or not at all). Two parameter sets with the same trace make
/// the verifier compute exactly the same hashes from the same proof, so no verifier can tell them apart: this is
/// the oracle for which "size ± 1" corruptions are detectable at all.
/// </summary>
internal static class VerifierTrace
{
    // RFC 9162 §2.1.3.2: 'L' = proof entry is the left sibling, 'R' = right sibling.
    public static string? Inclusion(long leafIndex, long treeSize, int proofLength)
    {
        if (treeSize <= 0 || leafIndex < 0 || leafIndex >= treeSize)
        {
            return null;
        }

        long fn = leafIndex;
        long sn = treeSize - 1;
        var trace = new System.Text.StringBuilder();
        for (int i = 0; i < proofLength; i++)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                trace.Append('L');
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                trace.Append('R');
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? trace.ToString() : null;
    }

    // RFC 9162 §2.1.4.2 for 0 < size1 < size2: 'P' = root1 prepended (step 2), 'B' = both roots hashed,
    // 'S' = only the second root hashed.
    public static string? Consistency(long size1, long size2, int proofLength)
    {
        if (size1 <= 0 || size1 >= size2)
        {
            return null;
        }

        bool prepend = (size1 & (size1 - 1)) == 0;
        int pathLength = prepend ? proofLength + 1 : proofLength;
        if (pathLength == 0)
        {
            return null;
        }

        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var trace = new System.Text.StringBuilder(prepend ? "P" : "-");
        for (int i = 1; i < pathLength; i++)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                trace.Append('B');
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                trace.Append('S');
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? trace.ToString() : null;
    }
}
