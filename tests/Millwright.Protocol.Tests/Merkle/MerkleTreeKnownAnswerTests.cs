using Millwright.Protocol.Merkle;
using static Millwright.Protocol.Tests.Merkle.MerkleTestVectors;

namespace Millwright.Protocol.Tests.Merkle;

/// <summary>Layer 1: the CT test tree (see <see cref="MerkleTestVectors"/> for provenance).</summary>
public class MerkleTreeKnownAnswerTests
{
    public static TheoryData<InclusionVector> InclusionVectors => new(InclusionProofs);

    public static TheoryData<ConsistencyVector> ConsistencyVectors => new(ConsistencyProofs);

    [Fact]
    public void RootAfterEachAppendMatches()
    {
        var tree = new MerkleTree();
        Assert.Equal(Root(0), tree.GetRoot());
        for (int i = 0; i < LeafInputsHex.Length; i++)
        {
            Assert.Equal(i, tree.Append(Leaf(i)));
            Assert.Equal(RootsBySizeHex[i + 1], Convert.ToHexStringLower(tree.GetRoot()));
        }
    }

    [Fact]
    public void RootOfEveryPastSizeMatches()
    {
        MerkleTree tree = BuildTestTree();
        for (int size = 0; size <= 8; size++)
        {
            Assert.Equal(RootsBySizeHex[size], Convert.ToHexStringLower(tree.GetRoot(size)));
        }
    }

    [Fact]
    public void LeafHashesMatchLevelZero()
    {
        MerkleTree tree = BuildTestTree();
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(Node(0, i), tree.GetLeafHash(i));
        }
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void InclusionProofMatchesAndVerifies(InclusionVector vector)
    {
        MerkleTree tree = BuildTestTree();
        Assert.Equal(vector.Proof, tree.GetInclusionProof(vector.LeafIndex, vector.TreeSize));

        var verifier = new InclusionProofVerifier();
        byte[] leafHash = Node(0, (int)vector.LeafIndex);
        Assert.Equal(Root(vector.TreeSize), verifier.ComputeRoot(vector.LeafIndex, vector.TreeSize, leafHash, vector.Proof));
        Assert.True(verifier.VerifyInclusion(vector.LeafIndex, vector.TreeSize, leafHash, vector.Proof, Root(vector.TreeSize)));
        verifier.VerifyInclusionOrThrow(vector.LeafIndex, vector.TreeSize, leafHash, vector.Proof, Root(vector.TreeSize));
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void ConsistencyProofMatchesAndVerifies(ConsistencyVector vector)
    {
        MerkleTree tree = BuildTestTree();
        Assert.Equal(vector.Proof, tree.GetConsistencyProof(vector.Size1, vector.Size2));

        var verifier = new ConsistencyProofVerifier();
        Assert.True(verifier.VerifyConsistency(vector.Size1, vector.Size2, vector.Proof, Root(vector.Size1), Root(vector.Size2)));
        verifier.VerifyConsistencyOrThrow(vector.Size1, vector.Size2, vector.Proof, Root(vector.Size1), Root(vector.Size2));
    }

    // Proof shapes from transparency-dev/merkle proof/proof_test.go (TestInclusion, TestConsistency), which name
    // the nodes of this 8-leaf tree: a..h level 0/1 etc. Here (level, index) pairs; a pair of pairs is a node on the
    // right edge of a past tree that the proof carries as a hash of two stored nodes ("rehash").
    [Theory]
    [InlineData(7, 0, "0.1 1.1 (1.2|0.6)")] // b h l=hash(i,j)
    [InlineData(7, 3, "0.2 1.0 (1.2|0.6)")] // c g l
    [InlineData(7, 4, "0.5 0.6 2.0")] // f j k
    [InlineData(7, 6, "1.2 2.0")] // i k
    [InlineData(4, 2, "0.3 1.0")] // d g
    [InlineData(5, 3, "0.2 1.0 0.4")] // c g e
    [InlineData(6, 4, "0.5 2.0")] // f k
    [InlineData(2, 1, "0.0")] // a
    [InlineData(1, 0, "")]
    public void InclusionProofShape(long treeSize, long leafIndex, string expectedNodes)
    {
        Assert.Equal(Nodes(expectedNodes), BuildTestTree().GetInclusionProof(leafIndex, treeSize));
    }

    [Theory]
    [InlineData(1, 2, "0.1")] // b
    [InlineData(1, 4, "0.1 1.1")] // b h
    [InlineData(1, 6, "0.1 1.1 1.2")] // b h i
    [InlineData(2, 3, "0.2")] // c
    [InlineData(2, 8, "1.1 2.1")] // h l
    [InlineData(3, 7, "0.2 0.3 1.0 (1.2|0.6)")] // c d g l
    [InlineData(4, 7, "(1.2|0.6)")] // l
    [InlineData(5, 7, "0.4 0.5 0.6 2.0")] // e f j k
    [InlineData(6, 7, "1.2 0.6 2.0")] // i j k
    [InlineData(7, 8, "0.6 0.7 1.2 2.0")] // j leaf#7 i k
    [InlineData(3, 5, "0.2 0.3 1.0 0.4")] // c d g e
    [InlineData(4, 6, "1.2")] // i
    [InlineData(1, 7, "0.1 1.1 (1.2|0.6)")] // b h l
    [InlineData(5, 5, "")]
    [InlineData(0, 5, "")]
    public void ConsistencyProofShape(long size1, long size2, string expectedNodes)
    {
        Assert.Equal(Nodes(expectedNodes), BuildTestTree().GetConsistencyProof(size1, size2));
    }

    internal static MerkleTree BuildTestTree()
    {
        var tree = new MerkleTree();
        for (int i = 0; i < LeafInputsHex.Length; i++)
        {
            tree.Append(Leaf(i));
        }

        return tree;
    }

    private static byte[][] Nodes(string spec)
    {
        var hasher = new MerkleHasher();
        return spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(item =>
        {
            if (!item.StartsWith('('))
            {
                return NodeAt(item);
            }

            string[] parts = item.Trim('(', ')').Split('|');
            var hash = new byte[32];
            hasher.HashChildren(NodeAt(parts[0]), 0, NodeAt(parts[1]), 0, hash, 0);
            return hash;
        }).ToArray();
    }

    private static byte[] NodeAt(string levelDotIndex)
    {
        string[] parts = levelDotIndex.Split('.');
        return Node(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
