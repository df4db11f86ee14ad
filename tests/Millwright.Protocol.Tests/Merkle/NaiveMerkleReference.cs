using System.Security.Cryptography;

namespace Millwright.Protocol.Tests.Merkle;

/// <summary>
/// The RFC 9162 definitions transcribed literally as recursion over lists of leaf inputs, hashed with .NET's
/// SHA-256 (not ours): MTH (§2.1.1), PATH (§2.1.3.1), PROOF/SUBPROOF (§2.1.4.1). Slow — O(n) hashes per call —
/// and obviously right, which is the point. In the spirit of transparency-dev/merkle testonly/reference_test.go.
/// </summary>
internal static class NaiveMerkleReference
{
    public static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    private static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    // "k is the largest power of two smaller than n (i.e., k < n <= 2k)."
    private static int SplitPoint(int n)
    {
        int k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    // MTH({}) = SHA-256(); MTH({d(0)}) = SHA-256(0x00 || d(0)); MTH(D_n) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
    public static byte[] Mth(ReadOnlySpan<byte[]> d)
    {
        if (d.Length == 0)
        {
            return SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }

        if (d.Length == 1)
        {
            return LeafHash(d[0]);
        }

        int k = SplitPoint(d.Length);
        return NodeHash(Mth(d[..k]), Mth(d[k..]));
    }

    // PATH(0, {d(0)}) = {}; m < k: PATH(m, D[0:k]) : MTH(D[k:n]); m >= k: PATH(m - k, D[k:n]) : MTH(D[0:k]).
    public static List<byte[]> Path(int m, ReadOnlySpan<byte[]> d)
    {
        if (d.Length == 1)
        {
            return [];
        }

        int k = SplitPoint(d.Length);
        if (m < k)
        {
            List<byte[]> path = Path(m, d[..k]);
            path.Add(Mth(d[k..]));
            return path;
        }
        else
        {
            List<byte[]> path = Path(m - k, d[k..]);
            path.Add(Mth(d[..k]));
            return path;
        }
    }

    // PROOF(m, D_n) = SUBPROOF(m, D_n, true).
    public static List<byte[]> Proof(int m, ReadOnlySpan<byte[]> d) => SubProof(m, d, true);

    // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])};
    // m <= k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n]); m > k: SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
    private static List<byte[]> SubProof(int m, ReadOnlySpan<byte[]> d, bool b)
    {
        if (m == d.Length)
        {
            return b ? [] : [Mth(d)];
        }

        int k = SplitPoint(d.Length);
        if (m <= k)
        {
            List<byte[]> proof = SubProof(m, d[..k], b);
            proof.Add(Mth(d[k..]));
            return proof;
        }
        else
        {
            List<byte[]> proof = SubProof(m - k, d[k..], false);
            proof.Add(Mth(d[..k]));
            return proof;
        }
    }
}
