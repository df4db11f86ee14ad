using Millwright.Protocol.Merkle;

namespace Millwright.Protocol.Tests.Merkle;

/// <summary>
/// Layer 3: <see cref="MerkleTree"/> and the verifiers against <see cref="NaiveMerkleReference"/> — exhaustively
/// for every size up to 64, then on random sizes and indices up to 3000 leaves.
/// </summary>
public class ReferenceCrossCheckTests
{
    private static byte[][] RandomLeaves(int count, int seed)
    {
        var random = new Random(seed);
        var leaves = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            leaves[i] = new byte[random.Next(0, 48)];
            random.NextBytes(leaves[i]);
        }

        return leaves;
    }

    private static MerkleTree BuildTree(byte[][] leaves)
    {
        var tree = new MerkleTree(1);
        foreach (byte[] leaf in leaves)
        {
            tree.Append(leaf);
        }

        return tree;
    }

    [Fact]
    public void EverySizeUpTo64WithEveryIndexAndEveryOlderSize()
    {
        byte[][] leaves = RandomLeaves(64, 9162);
        MerkleTree tree = BuildTree(leaves);
        var inclusion = new InclusionProofVerifier();
        var consistency = new ConsistencyProofVerifier();
        var roots = new byte[65][];
        for (int n = 0; n <= 64; n++)
        {
            roots[n] = NaiveMerkleReference.Mth(leaves.AsSpan(0, n));
            Assert.Equal(roots[n], tree.GetRoot(n));
        }

        for (int n = 1; n <= 64; n++)
        {
            for (int m = 0; m < n; m++)
            {
                byte[][] expected = [.. NaiveMerkleReference.Path(m, leaves.AsSpan(0, n))];
                byte[][] proof = tree.GetInclusionProof(m, n);
                Assert.Equal(expected, proof);
                Assert.True(inclusion.VerifyInclusion(m, n, NaiveMerkleReference.LeafHash(leaves[m]), proof, roots[n]), $"leaf {m} of {n}");
            }

            for (int m = 0; m <= n; m++)
            {
                byte[][] expected = m == 0 ? [] : [.. NaiveMerkleReference.Proof(m, leaves.AsSpan(0, n))];
                byte[][] proof = tree.GetConsistencyProof(m, n);
                Assert.Equal(expected, proof);
                Assert.True(consistency.VerifyConsistency(m, n, proof, roots[m], roots[n]), $"{m} -> {n}");
            }
        }
    }

    [Fact]
    public void RandomSizesAndIndicesUpTo3000()
    {
        byte[][] leaves = RandomLeaves(3000, 6962);
        MerkleTree tree = BuildTree(leaves);
        var inclusion = new InclusionProofVerifier();
        var consistency = new ConsistencyProofVerifier();
        var random = new Random(2024);
        for (int round = 0; round < 12; round++)
        {
            int n = round == 0 ? 3000 : random.Next(65, 3001);
            byte[] root = NaiveMerkleReference.Mth(leaves.AsSpan(0, n));
            Assert.Equal(root, tree.GetRoot(n));

            foreach (int m in new[] { 0, n - 1, random.Next(n) })
            {
                byte[][] proof = tree.GetInclusionProof(m, n);
                Assert.Equal([.. NaiveMerkleReference.Path(m, leaves.AsSpan(0, n))], proof);
                Assert.True(inclusion.VerifyInclusion(m, n, tree.GetLeafHash(m), proof, root));
                Assert.False(inclusion.VerifyInclusion(m, n, tree.GetLeafHash(m == 0 ? 1 : m - 1), proof, root));
            }

            foreach (int m in new[] { 1, n - 1, random.Next(1, n) })
            {
                byte[][] proof = tree.GetConsistencyProof(m, n);
                Assert.Equal([.. NaiveMerkleReference.Proof(m, leaves.AsSpan(0, n))], proof);
                byte[] oldRoot = tree.GetRoot(m);
                Assert.True(consistency.VerifyConsistency(m, n, proof, oldRoot, root));
                Assert.False(consistency.VerifyConsistency(m, n, proof, root, oldRoot));
            }
        }
    }

    [Fact]
    public void LargeTreeBuildsAndProvesQuickly()
    {
        // Appending a leaf hash costs one node hash on average, a proof O(log² n) hashes at worst, so a controller
        // log of a few hundred thousand leaves is cheap; 2^17 + 1 leaves keeps this test to a few seconds on a
        // slow build machine (our managed SHA-256 in Debug: ~20 µs per node hash there).
        const int size = 131_073;
        var tree = new MerkleTree();
        var leafHash = new byte[32];
        for (int i = 0; i < size; i++)
        {
            BitConverter.TryWriteBytes(leafHash, i);
            tree.AppendLeafHash(leafHash);
        }

        byte[] root = tree.GetRoot();
        Assert.Equal(tree.GetFrontier(size).GetRoot(), root);

        var inclusion = new InclusionProofVerifier();
        var consistency = new ConsistencyProofVerifier();
        var random = new Random(300);
        for (int i = 0; i < 100; i++)
        {
            long index = random.Next(size);
            Assert.True(inclusion.VerifyInclusion(index, size, tree.GetLeafHash(index), tree.GetInclusionProof(index, size), root));
            long oldSize = random.Next(1, size);
            Assert.True(consistency.VerifyConsistency(oldSize, size, tree.GetConsistencyProof(oldSize, size), tree.GetRoot(oldSize), root));
        }
    }
}
