using Millwright.Protocol.Merkle;

namespace Millwright.Protocol.Tests.Merkle;

public class MerkleTreeArgumentTests
{
    [Fact]
    public void OutOfRangeRequestsThrowInvalidArgument()
    {
        MerkleTree tree = MerkleTreeKnownAnswerTests.BuildTestTree();
        AssertInvalid(() => tree.GetRoot(-1));
        AssertInvalid(() => tree.GetRoot(9));
        AssertInvalid(() => tree.GetRoot(long.MaxValue));
        AssertInvalid(() => tree.WriteRoot(8, new byte[31], 0));
        AssertInvalid(() => tree.WriteRoot(8, new byte[32], 1));
        AssertInvalid(() => tree.GetLeafHash(8));
        AssertInvalid(() => tree.GetLeafHash(-1));
        AssertInvalid(() => tree.GetInclusionProof(0, 0));
        AssertInvalid(() => tree.GetInclusionProof(3, 3));
        AssertInvalid(() => tree.GetInclusionProof(-1, 3));
        AssertInvalid(() => tree.GetInclusionProof(0, 9));
        AssertInvalid(() => tree.GetInclusionProof(long.MinValue, long.MaxValue));
        AssertInvalid(() => tree.GetConsistencyProof(5, 4));
        AssertInvalid(() => tree.GetConsistencyProof(-1, 4));
        AssertInvalid(() => tree.GetConsistencyProof(1, 9));
        AssertInvalid(() => tree.GetFrontier(9));
        AssertInvalid(() => tree.GetFrontier(-1));
        AssertInvalid(() => _ = new MerkleTree(0));
    }

    [Fact]
    public void RefusedAppendsLeaveTheTreeUnchanged()
    {
        MerkleTree tree = MerkleTreeKnownAnswerTests.BuildTestTree();
        byte[] root = tree.GetRoot();
        AssertInvalid(() => tree.Append(null!));
        AssertInvalid(() => tree.Append(new byte[4], 2, 3));
        AssertInvalid(() => tree.AppendLeafHash(null!));
        AssertInvalid(() => tree.AppendLeafHash(new byte[33]));
        AssertInvalid(() => tree.AppendLeafHash(new byte[40], 9));
        Assert.Equal(8, tree.Size);
        Assert.Equal(root, tree.GetRoot());
    }

    [Fact]
    public void AppendReturnsIndicesAndEmptyTreeHasTheEmptyRoot()
    {
        var tree = new MerkleTree();
        Assert.Equal(0, tree.Size);
        Assert.Equal(MerkleTestVectors.Hex(MerkleTestVectors.EmptyRootHex), tree.GetRoot());
        Assert.Empty(tree.GetConsistencyProof(0, 0));
        Assert.Equal(0, tree.GetFrontier(0).Size);
        Assert.Equal(0, tree.Append([1, 2, 3], 1, 1));
        Assert.Equal(1, tree.AppendLeafHash(new byte[40], 8));
        Assert.Equal(2, tree.Size);
        Assert.Equal(new byte[32], tree.GetLeafHash(1));
    }

    [Fact]
    public void GrowsPastItsInitialCapacity()
    {
        var small = new MerkleTree(1);
        var large = new MerkleTree(4096);
        for (int i = 0; i < 1000; i++)
        {
            small.Append([(byte)i, (byte)(i >> 8)]);
            large.Append([(byte)i, (byte)(i >> 8)]);
        }

        Assert.Equal(large.GetRoot(), small.GetRoot());
        Assert.Equal(large.GetInclusionProof(999, 1000), small.GetInclusionProof(999, 1000));
    }

    private static void AssertInvalid(Action action)
    {
        var exception = Assert.Throws<ProtocolException>(action);
        Assert.Equal(ProtocolError.MerkleInvalidArgument, exception.Error);
    }
}
