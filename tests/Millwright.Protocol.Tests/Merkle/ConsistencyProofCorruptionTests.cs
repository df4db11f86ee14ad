using Millwright.Protocol.Merkle;
using static Millwright.Protocol.Tests.Merkle.MerkleTestVectors;

namespace Millwright.Protocol.Tests.Merkle;

/// <summary>
/// Layer 2, after transparency-dev/merkle proof/verify_test.go (corruptConsistencyProof): every valid vector,
/// corrupted in every systematic way, must fail — both as false and as a <see cref="ProtocolException"/>.
/// </summary>
public class ConsistencyProofCorruptionTests
{
    private static readonly byte[] SomeHash = Convert.FromHexString("abacaba000000000000000000000000000000000000000000060061e00123456");

    public static TheoryData<ConsistencyVector> Vectors => new(ConsistencyProofs);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EveryCorruptedHashOrProofFails(ConsistencyVector vector)
    {
        long size1 = vector.Size1;
        long size2 = vector.Size2;
        byte[][] proof = vector.Proof;
        byte[] root1 = Root(size1);
        byte[] root2 = Root(size2);
        var verifier = new ConsistencyProofVerifier();
        Assert.True(verifier.VerifyConsistency(size1, size2, proof, root1, root2));

        var probes = new List<(string Description, byte[][] Proof, byte[] Root1, byte[] Root2)>
        {
            ("wrong root1", proof, SomeHash, root2),
            ("wrong root2", proof, root1, SomeHash),
            ("empty-tree root1", proof, Hex(EmptyRootHex), root2),
            ("short root1", proof, root1[..31], root2),
            ("short root2", proof, root1, root2[..31]),
            ("trailing garbage", [.. proof, []], root1, root2),
            ("trailing root1", [.. proof, root1], root1, root2),
            ("trailing root2", [.. proof, root2], root1, root2),
            ("preceding garbage", [[], .. proof], root1, root2),
            ("preceding root1", [root1, .. proof], root1, root2),
            ("preceding root2", [root2, .. proof], root1, root2),
            ("null entry appended", [.. proof, null!], root1, root2),
        };

        if (!root1.SequenceEqual(root2))
        {
            probes.Add(("swapped roots", proof, root2, root1));
            probes.Add(("root2 given as both", proof, root2, root2));
            probes.Add(("root1 given as both", proof, root1, root1));
        }

        if (proof.Length > 0)
        {
            probes.Add(("empty proof", [], root1, root2));
            probes.Add(("truncated proof", proof[..^1], root1, root2));
            probes.Add(("preceding proof[0]", [proof[0], .. proof], root1, root2));
        }

        if (proof.Length > 1)
        {
            probes.Add(("reversed proof", proof.Reverse().ToArray(), root1, root2));
        }

        for (int i = 0; i < proof.Length; i++)
        {
            // One bit in every byte, cycling through the bit positions: every byte and every bit position is hit.
            for (int b = 0; b < 32; b++)
            {
                int bit = (b * 8) + (b % 8);
                byte[][] flipped = proof.Select(h => (byte[])h.Clone()).ToArray();
                flipped[i][bit / 8] ^= (byte)(1 << (bit % 8));
                probes.Add(($"proof[{i}] bit {bit} flipped", flipped, root1, root2));
            }

            probes.Add(($"proof[{i}] removed", proof.Where((_, j) => j != i).ToArray(), root1, root2));
            probes.Add(($"proof[{i}] replaced by some hash", proof.Select((h, j) => j == i ? SomeHash : h).ToArray(), root1, root2));
            probes.Add(($"some hash inserted before proof[{i}]", [.. proof[..i], SomeHash, .. proof[i..]], root1, root2));
            probes.Add(($"proof[{i}] is null", proof.Select((h, j) => j == i ? null! : h).ToArray(), root1, root2));
        }

        for (int bit = 0; bit < 256; bit++)
        {
            byte[] wrong1 = (byte[])root1.Clone();
            wrong1[bit / 8] ^= (byte)(1 << (bit % 8));
            byte[] wrong2 = (byte[])root2.Clone();
            wrong2[bit / 8] ^= (byte)(1 << (bit % 8));
            probes.Add(($"root1 bit {bit} flipped", proof, wrong1, root2));
            probes.Add(($"root2 bit {bit} flipped", proof, root1, wrong2));
        }

        string[] accepted = probes
            .Where(p => Accepts(verifier, size1, size2, p.Proof, p.Root1, p.Root2))
            .Select(p => p.Description)
            .ToArray();
        Assert.Empty(accepted);
    }

    // As for inclusion proofs: a changed size that leaves the RFC 9162 §2.1.4.2 computation unchanged
    // (VerifierTrace) cannot be detected; the proof binds size2 only through the shape of the path. Every other
    // change must fail, and the undetectable ones are pinned here. (Equal sizes with equal roots and an empty
    // proof are a true claim whatever the size.)
    [Fact]
    public void WrongSizesFailUnlessTheVerifierComputationIsIdentical()
    {
        var verifier = new ConsistencyProofVerifier();
        var indistinguishable = new List<string>();
        foreach (ConsistencyVector vector in ConsistencyProofs)
        {
            long size1 = vector.Size1;
            long size2 = vector.Size2;
            byte[][] proof = vector.Proof;
            byte[] root1 = Root(size1);
            byte[] root2 = Root(size2);
            string? original = VerifierTrace.Consistency(size1, size2, proof.Length);

            var mutations = new (string Name, long Size1, long Size2)[]
            {
                ("size1 - 1", size1 - 1, size2), ("size1 + 1", size1 + 1, size2), ("size1 ^ 2", size1 ^ 2, size2),
                ("size2 - 1", size1, size2 - 1), ("size2 + 1", size1, size2 + 1),
                ("size2 * 2", size1, size2 * 2), ("size2 / 2", size1, size2 / 2),
                ("sizes swapped", size2, size1), ("size1 = -1", -1, size2), ("size2 = long.MaxValue", size1, long.MaxValue),
                ("size1 = 0", 0, size2), ("both long.MaxValue", long.MaxValue, long.MaxValue),
            };

            foreach (var (name, mutated1, mutated2) in mutations)
            {
                if (mutated1 == size1 && mutated2 == size2)
                {
                    continue;
                }

                bool accepted = Accepts(verifier, mutated1, mutated2, proof, root1, root2);
                bool equalSizesAndRoots = proof.Length == 0 && mutated1 == mutated2 && mutated1 >= 0 && root1.SequenceEqual(root2);
                bool sameComputation = original != null && VerifierTrace.Consistency(mutated1, mutated2, proof.Length) == original;
                if (equalSizesAndRoots || sameComputation)
                {
                    Assert.True(accepted, $"{vector}, {name}: a true claim or the same computation, so it must verify");
                    indistinguishable.Add($"{vector}: {name}");
                }
                else
                {
                    Assert.False(accepted, $"{vector}, {name} was accepted");
                }
            }
        }

        Assert.Equal(["1 -> 1: both long.MaxValue", "1 -> 8: size2 - 1", "6 -> 8: size2 - 1", "2 -> 5: size2 + 1", "6 -> 7: size2 + 1"], indistinguishable);
    }

    private static bool Accepts(ConsistencyProofVerifier verifier, long size1, long size2, byte[][] proof, byte[] root1, byte[] root2)
    {
        bool verified = verifier.VerifyConsistency(size1, size2, proof, root1, root2);
        var exception = Record.Exception(() => verifier.VerifyConsistencyOrThrow(size1, size2, proof, root1, root2));
        if (verified)
        {
            Assert.Null(exception);
        }
        else
        {
            var protocolException = Assert.IsType<ProtocolException>(exception);
            Assert.Contains(protocolException.Error, new[] { ProtocolError.MerkleInvalidArgument, ProtocolError.MerkleProofInvalid });
        }

        return verified;
    }
}
