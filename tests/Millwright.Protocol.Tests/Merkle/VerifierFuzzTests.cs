using Millwright.Protocol.Merkle;

namespace Millwright.Protocol.Tests.Merkle;

/// <summary>
/// Layer 4: garbage in, only false or <see cref="ProtocolException"/> out — never another exception, never a hang.
/// Seeded, so a failure reproduces.
/// </summary>
public class VerifierFuzzTests
{
    private static readonly long[] InterestingNumbers =
    [
        long.MinValue, long.MinValue + 1, -(1L << 62), -2, -1, 0, 1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65,
        (1L << 31) - 1, 1L << 31, (1L << 32) + 1, (1L << 62) - 1, 1L << 62, (1L << 62) + 1, long.MaxValue - 1, long.MaxValue,
    ];

    private static long RandomNumber(Random random) => random.Next(3) switch
    {
        0 => InterestingNumbers[random.Next(InterestingNumbers.Length)],
        1 => random.Next(-5, 200),
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    private static byte[]? RandomHash(Random random, byte[][] pool)
    {
        switch (random.Next(8))
        {
            case 0: return null;
            case 1: return new byte[random.Next(0, 70)];
            case 2: return pool[random.Next(pool.Length)];
            default:
                var hash = new byte[32];
                random.NextBytes(hash);
                return hash;
        }
    }

    private static byte[][]? RandomProof(Random random, byte[][] pool)
    {
        if (random.Next(20) == 0)
        {
            return null;
        }

        var proof = new byte[random.Next(10) == 0 ? random.Next(0, 200) : random.Next(0, 12)][];
        for (int i = 0; i < proof.Length; i++)
        {
            proof[i] = RandomHash(random, pool)!;
        }

        return proof;
    }

    private static byte[][] HashPool()
    {
        // Real tree hashes mixed in, so that some garbage is close to valid.
        var tree = new MerkleTree();
        var pool = new List<byte[]>();
        for (int i = 0; i < 20; i++)
        {
            tree.Append([(byte)i]);
            pool.Add(tree.GetRoot());
            pool.Add(tree.GetLeafHash(i));
        }

        pool.Add(new MerkleTree().GetRoot());
        return [.. pool];
    }

    [Fact]
    public void InclusionVerifierOnlyReturnsFalseOrThrowsProtocolException()
    {
        var random = new Random(91623);
        byte[][] pool = HashPool();
        var verifier = new InclusionProofVerifier();
        int accepted = 0;
        for (int i = 0; i < 5_000; i++)
        {
            long index = RandomNumber(random);
            long size = RandomNumber(random);
            byte[]? leaf = RandomHash(random, pool);
            byte[][]? proof = RandomProof(random, pool);
            byte[]? root = RandomHash(random, pool);

            // Pool hashes can make a real claim by chance (a one-leaf tree's root is its leaf hash): then both
            // variants must agree and the computed root must be the given one.
            bool verified = verifier.VerifyInclusion(index, size, leaf!, proof!, root!);
            Exception? failure = AssertOnlyProtocolException(() => verifier.VerifyInclusionOrThrow(index, size, leaf!, proof!, root!));
            Assert.Equal(verified, failure == null);
            if (verified)
            {
                Assert.Equal(root, verifier.ComputeRoot(index, size, leaf!, proof!));
                accepted++;
            }

            AssertOnlyProtocolException(() => verifier.ComputeRoot(index, size, leaf!, proof!));
            AssertOnlyProtocolException(() => verifier.ComputeRoot(index, size, leaf!, proof!, RandomHash(random, pool)!, random.Next(-2, 40)));
        }

        Assert.True(accepted < 20);
    }

    [Fact]
    public void ConsistencyVerifierOnlyReturnsFalseOrThrowsProtocolException()
    {
        var random = new Random(91624);
        byte[][] pool = HashPool();
        var verifier = new ConsistencyProofVerifier();
        int accepted = 0;
        for (int i = 0; i < 5_000; i++)
        {
            long size1 = RandomNumber(random);
            long size2 = RandomNumber(random);
            byte[][]? proof = RandomProof(random, pool);
            byte[]? root1 = RandomHash(random, pool);
            byte[]? root2 = RandomHash(random, pool);

            // Only the trivial claims (equal sizes and roots, or from the empty tree) can hold by chance.
            if (verifier.VerifyConsistency(size1, size2, proof!, root1!, root2!))
            {
                Assert.True(size1 == size2 || size1 == 0, $"{size1} -> {size2} accepted");
                Assert.Empty(proof!);
                accepted++;
            }

            Exception? failure = AssertOnlyProtocolException(() => verifier.VerifyConsistencyOrThrow(size1, size2, proof!, root1!, root2!));
            Assert.Equal(failure == null, verifier.VerifyConsistency(size1, size2, proof!, root1!, root2!));
        }

        Assert.True(accepted < 100);
    }

    [Fact]
    public void HugeProofsAreRejectedWithoutWalkingThem()
    {
        var inclusion = new InclusionProofVerifier();
        var consistency = new ConsistencyProofVerifier();
        var hash = new byte[32];
        var huge = new byte[10_000_000][];

        Assert.False(inclusion.VerifyInclusion(5, 1L << 40, hash, huge, hash));
        Assert.False(inclusion.VerifyInclusion(long.MaxValue - 1, long.MaxValue, hash, huge, hash));
        Assert.False(consistency.VerifyConsistency(3, long.MaxValue, huge, hash, hash));

        var exception = Assert.Throws<ProtocolException>(() => inclusion.VerifyInclusionOrThrow(5, 1L << 40, hash, huge, hash));
        Assert.Equal(ProtocolError.MerkleProofInvalid, exception.Error);
    }

    [Fact]
    public void ExtremeSizesWithRightLengthProofsTerminate()
    {
        // A proof of exactly the expected length for the largest trees runs the full RFC loops (~63 steps).
        var random = new Random(7);
        var inclusion = new InclusionProofVerifier();
        var consistency = new ConsistencyProofVerifier();
        foreach (long size in new[] { long.MaxValue, long.MaxValue - 1, 1L << 62, (1L << 62) + 1 })
        {
            foreach (long index in new[] { 0L, 1L, size / 2, size - 2, size - 1 })
            {
                byte[][] proof = RandomProofOfLength(random, MerkleTreeMath.InclusionProofLength(index, size));
                Assert.False(inclusion.VerifyInclusion(index, size, new byte[32], proof, new byte[32]));
                byte[] root = inclusion.ComputeRoot(index, size, new byte[32], proof);
                Assert.True(inclusion.VerifyInclusion(index, size, new byte[32], proof, root));

                if (index > 0 && index < size)
                {
                    proof = RandomProofOfLength(random, MerkleTreeMath.ConsistencyProofLength(index, size));
                    Assert.False(consistency.VerifyConsistency(index, size, proof, new byte[32], new byte[32]));
                }
            }
        }
    }

    private static byte[][] RandomProofOfLength(Random random, int length)
    {
        var proof = new byte[length][];
        for (int i = 0; i < length; i++)
        {
            proof[i] = new byte[32];
            random.NextBytes(proof[i]);
        }

        return proof;
    }

    private static Exception? AssertOnlyProtocolException(Action action)
    {
        Exception? exception = Record.Exception(action);
        if (exception != null)
        {
            var protocolException = Assert.IsType<ProtocolException>(exception);
            Assert.True(
                protocolException.Error is ProtocolError.MerkleInvalidArgument or ProtocolError.MerkleProofInvalid,
                protocolException.Error.ToString());
        }

        return exception;
    }
}
