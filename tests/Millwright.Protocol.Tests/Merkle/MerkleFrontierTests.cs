using Millwright.Protocol.Merkle;
using static Millwright.Protocol.Tests.Merkle.MerkleTestVectors;

namespace Millwright.Protocol.Tests.Merkle;

public class MerkleFrontierTests
{
    // Known answers: transparency-dev/merkle testonly/constants.go CompactTrees() — the compact range [0, n) of the
    // CT test tree is the listed complete-subtree hashes, largest first.
    [Fact]
    public void HashesMatchCompactRangesOfTheTestTree()
    {
        var frontier = new MerkleFrontier();
        MerkleTree tree = MerkleTreeKnownAnswerTests.BuildTestTree();
        for (int size = 0; size <= 8; size++)
        {
            int[] nodes = FrontierNodesBySize[size];
            byte[][] expected = Enumerable.Range(0, nodes.Length / 2).Select(i => Node(nodes[2 * i], nodes[(2 * i) + 1])).ToArray();
            Assert.Equal(size, frontier.Size);
            Assert.Equal(expected.Length, frontier.HashCount);
            Assert.Equal(expected, frontier.GetHashes());
            Assert.Equal(expected, tree.GetFrontier(size).GetHashes());
            Assert.Equal(RootsBySizeHex[size], Convert.ToHexStringLower(frontier.GetRoot()));
            if (size < 8)
            {
                frontier.AppendLeaf(Leaf(size), 0, LeafInputsHex[size].Length / 2);
            }
        }
    }

    [Fact]
    public void RootEqualsTreeRootAtEverySizeUpTo2000()
    {
        var random = new Random(1234);
        var tree = new MerkleTree();
        var frontier = new MerkleFrontier();
        var root = new byte[32];
        Assert.Equal(tree.GetRoot(), frontier.GetRoot());
        for (int size = 1; size <= 2000; size++)
        {
            var data = new byte[random.Next(0, 20)];
            random.NextBytes(data);
            tree.Append(data);
            if (size % 2 == 0)
            {
                frontier.AppendLeaf(data, 0, data.Length);
            }
            else
            {
                frontier.AppendLeafHash(tree.GetLeafHash(size - 1), 0);
            }

            frontier.WriteRoot(root, 0);
            Assert.Equal(tree.GetRoot(), root);
        }
    }

    [Fact]
    public void RestoredFrontierContinuesLikeTheOriginal()
    {
        var random = new Random(77);
        var tree = new MerkleTree();
        var leafHash = new byte[32];
        for (int i = 0; i < 1100; i++)
        {
            random.NextBytes(leafHash);
            tree.AppendLeafHash(leafHash);
        }

        foreach (long size in new long[] { 0, 1, 2, 3, 7, 8, 255, 256, 257, 1000, 1023 })
        {
            MerkleFrontier original = tree.GetFrontier(size);
            var packed = new byte[(original.HashCount * 32) + 5];
            original.CopyHashesTo(packed, 5);
            MerkleFrontier fromPacked = MerkleFrontier.FromPackedHashes(size, packed, 5, original.HashCount * 32);
            MerkleFrontier fromArrays = MerkleFrontier.FromHashes(size, original.GetHashes());

            for (long next = size; next < size + 40; next++)
            {
                byte[] nextLeaf = tree.GetLeafHash(next);
                fromPacked.AppendLeafHash(nextLeaf, 0);
                fromArrays.AppendLeafHash(nextLeaf, 0);
                Assert.Equal(tree.GetRoot(next + 1), fromPacked.GetRoot());
                Assert.Equal(tree.GetRoot(next + 1), fromArrays.GetRoot());
                Assert.Equal(tree.GetFrontier(next + 1).GetHashes(), fromPacked.GetHashes());
            }
        }
    }

    [Fact]
    public void HandlesSizesBeyondAnyInMemoryTree()
    {
        // 2^63 - 1 leaves: 63 subtrees. The root folds them; the next append must refuse, not overflow.
        var hashes = Enumerable.Range(0, 63).Select(i => new MerkleHasher().HashLeaf([(byte)i])).ToArray();
        MerkleFrontier full = MerkleFrontier.FromHashes(long.MaxValue, hashes);
        Assert.Equal(63, full.HashCount);
        Assert.Equal(32, full.GetRoot().Length);
        Assert.Equal(hashes, full.GetHashes());
        var exception = Assert.Throws<ProtocolException>(() => full.AppendLeafHash(new byte[32], 0));
        Assert.Equal(ProtocolError.MerkleInvalidArgument, exception.Error);

        MerkleFrontier big = MerkleFrontier.FromHashes((1L << 40) - 1, hashes[..40]);
        big.AppendLeafHash(new byte[32], 0);
        Assert.Equal(1L << 40, big.Size);
        Assert.Equal(1, big.HashCount);
    }

    [Fact]
    public void RestoreRefusesInconsistentInput()
    {
        var hash = new byte[32];
        AssertInvalid(() => MerkleFrontier.FromHashes(-1, []));
        AssertInvalid(() => MerkleFrontier.FromHashes(3, [hash]));
        AssertInvalid(() => MerkleFrontier.FromHashes(1, [hash, hash]));
        AssertInvalid(() => MerkleFrontier.FromHashes(1, [new byte[31]]));
        AssertInvalid(() => MerkleFrontier.FromHashes(1, [null!]));
        AssertInvalid(() => MerkleFrontier.FromHashes(1, null!));
        AssertInvalid(() => MerkleFrontier.FromHashes(long.MaxValue, new byte[64][]));
        AssertInvalid(() => MerkleFrontier.FromPackedHashes(1, new byte[32], 1, 32));
        AssertInvalid(() => MerkleFrontier.FromPackedHashes(2, new byte[64], 0, 64));
        AssertInvalid(() => MerkleFrontier.FromPackedHashes(1, null!, 0, 32));
        AssertInvalid(() => MerkleFrontier.FromPackedHashes(1, new byte[32], -1, 32));
        AssertInvalid(() => new MerkleFrontier().AppendLeafHash(new byte[31], 0));
        AssertInvalid(() => new MerkleFrontier().AppendLeaf(null!, 0, 0));
        AssertInvalid(() => new MerkleFrontier().WriteRoot(new byte[32], 1));
        AssertInvalid(() => MerkleFrontier.FromHashes(3, [hash, hash]).CopyHashesTo(new byte[63], 0));
    }

    [Fact]
    public void AppendAndRootAllocateNothingInSteadyState()
    {
        var frontier = new MerkleFrontier();
        var leafHash = new byte[32];
        var data = new byte[40];
        var root = new byte[32];
        for (int i = 0; i < 200; i++)
        {
            frontier.AppendLeafHash(leafHash, 0);
            frontier.AppendLeaf(data, 0, data.Length);
            frontier.WriteRoot(root, 0);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5_000; i++)
        {
            leafHash[0] = (byte)i;
            frontier.AppendLeafHash(leafHash, 0);
            frontier.AppendLeaf(data, 0, data.Length);
            frontier.WriteRoot(root, 0);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(10_400, frontier.Size);
    }

    [Fact]
    public void VerifiersAllocateNothing()
    {
        MerkleTree tree = MerkleTreeKnownAnswerTests.BuildTestTree();
        byte[][] inclusionProof = tree.GetInclusionProof(5, 8);
        byte[][] consistencyProof = tree.GetConsistencyProof(6, 8);
        byte[] leaf = tree.GetLeafHash(5);
        byte[] root6 = tree.GetRoot(6);
        byte[] root8 = tree.GetRoot(8);
        var inclusion = new InclusionProofVerifier();
        var consistency = new ConsistencyProofVerifier();
        var output = new byte[32];
        Assert.True(inclusion.VerifyInclusion(5, 8, leaf, inclusionProof, root8));
        Assert.True(consistency.VerifyConsistency(6, 8, consistencyProof, root6, root8));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            inclusion.VerifyInclusion(5, 8, leaf, inclusionProof, root8);
            inclusion.VerifyInclusion(4, 8, leaf, inclusionProof, root8);
            inclusion.ComputeRoot(5, 8, leaf, inclusionProof, output, 0);
            consistency.VerifyConsistency(6, 8, consistencyProof, root6, root8);
            consistency.VerifyConsistency(6, 8, consistencyProof, root8, root6);
            tree.WriteRoot(7, output, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertInvalid(Action action)
    {
        var exception = Assert.Throws<ProtocolException>(action);
        Assert.Equal(ProtocolError.MerkleInvalidArgument, exception.Error);
    }
}
