using Millwright.Protocol.Merkle;
using static Millwright.Protocol.Tests.Merkle.MerkleTestVectors;

namespace Millwright.Protocol.Tests.Merkle;

/// <summary>
/// Layer 2, after transparency-dev/merkle proof/verify_test.go (corruptInclusionProof): every valid vector,
/// corrupted in every systematic way, must fail — both as false and as a <see cref="ProtocolException"/>.
/// </summary>
public class InclusionProofCorruptionTests
{
    private static readonly byte[] SomeHash = Convert.FromHexString("abacaba000000000000000000000000000000000000000000060061e00123456");

    public static TheoryData<InclusionVector> Vectors => new(InclusionProofs);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EveryCorruptedHashOrProofFails(InclusionVector vector)
    {
        long index = vector.LeafIndex;
        long size = vector.TreeSize;
        byte[][] proof = vector.Proof;
        byte[] leaf = Node(0, (int)index);
        byte[] root = Root(size);
        var verifier = new InclusionProofVerifier();
        Assert.True(verifier.VerifyInclusion(index, size, leaf, proof, root));

        var probes = new List<(string Description, byte[] Leaf, byte[][] Proof, byte[] Root)>
        {
            ("wrong leaf", SomeHash, proof, root),
            ("empty-tree root", leaf, proof, Hex(EmptyRootHex)),
            ("random root", leaf, proof, SomeHash),
            ("root of the next size", leaf, proof, Root(size == 8 ? 7 : size + 1)),
            ("leaf hash given as root", leaf, proof, proof.Length == 0 ? SomeHash : leaf),
            ("short leaf hash", leaf[..31], proof, root),
            ("short root", leaf, proof, root[..31]),
            ("trailing garbage", leaf, [.. proof, []], root),
            ("trailing root", leaf, [.. proof, root], root),
            ("trailing copy of last entry", leaf, [.. proof, proof.Length == 0 ? leaf : proof[^1]], root),
            ("preceding garbage", leaf, [[], .. proof], root),
            ("preceding root", leaf, [root, .. proof], root),
            ("preceding leaf", leaf, [leaf, .. proof], root),
            ("null entry appended", leaf, [.. proof, null!], root),
            ("33-byte entry appended", leaf, [.. proof, new byte[33]], root),
        };

        for (int i = 0; i < proof.Length; i++)
        {
            // One bit in every byte, cycling through the bit positions: every byte and every bit position is hit.
            for (int b = 0; b < 32; b++)
            {
                int bit = (b * 8) + (b % 8);
                byte[][] flipped = proof.Select(h => (byte[])h.Clone()).ToArray();
                flipped[i][bit / 8] ^= (byte)(1 << (bit % 8));
                probes.Add(($"proof[{i}] bit {bit} flipped", leaf, flipped, root));
            }

            probes.Add(($"proof[{i}] removed", leaf, proof.Where((_, j) => j != i).ToArray(), root));
            probes.Add(($"proof[{i}] replaced by some hash", leaf, proof.Select((h, j) => j == i ? SomeHash : h).ToArray(), root));
            probes.Add(($"some hash inserted before proof[{i}]", leaf, [.. proof[..i], SomeHash, .. proof[i..]], root));
            probes.Add(($"proof[{i}] truncated to 31 bytes", leaf, proof.Select((h, j) => j == i ? h[..31] : h).ToArray(), root));
            probes.Add(($"proof[{i}] is null", leaf, proof.Select((h, j) => j == i ? null! : h).ToArray(), root));
        }

        for (int bit = 0; bit < 256; bit++)
        {
            byte[] wrongLeaf = (byte[])leaf.Clone();
            wrongLeaf[bit / 8] ^= (byte)(1 << (bit % 8));
            byte[] wrongRoot = (byte[])root.Clone();
            wrongRoot[bit / 8] ^= (byte)(1 << (bit % 8));
            probes.Add(($"leaf bit {bit} flipped", wrongLeaf, proof, root));
            probes.Add(($"root bit {bit} flipped", leaf, proof, wrongRoot));
        }

        if (proof.Length > 1)
        {
            probes.Add(("reversed proof", leaf, proof.Reverse().ToArray(), root));
            probes.Add(("first two entries swapped", leaf, [proof[1], proof[0], .. proof[2..]], root));
        }

        if (proof.Length > 0)
        {
            probes.Add(("empty proof", leaf, [], root));
        }

        string[] accepted = probes
            .Where(p => Accepts(verifier, index, size, p.Leaf, p.Proof, p.Root))
            .Select(p => p.Description)
            .ToArray();
        Assert.Empty(accepted);
    }

    // Wrong index or size. Some of these cannot be detected by any verifier: when the changed (index, size) makes the
    // RFC 9162 §2.1.3.2 algorithm take exactly the same branches (VerifierTrace), it hashes the same values and
    // reaches the same root. That is why transparency-dev corrupts the size with ×2 and ÷2, not ±1. Every other
    // change must fail; the indistinguishable ones are listed here so that the list cannot grow unnoticed.
    [Fact]
    public void WrongIndexOrSizeFailsUnlessTheVerifierComputationIsIdentical()
    {
        var verifier = new InclusionProofVerifier();
        var indistinguishable = new List<string>();
        foreach (InclusionVector vector in InclusionProofs)
        {
            long index = vector.LeafIndex;
            long size = vector.TreeSize;
            byte[][] proof = vector.Proof;
            byte[] leaf = Node(0, (int)index);
            byte[] root = Root(size);
            string? original = VerifierTrace.Inclusion(index, size, proof.Length);
            Assert.NotNull(original);

            var mutations = new (string Name, long Index, long Size)[]
            {
                ("index - 1", index - 1, size), ("index + 1", index + 1, size), ("index ^ 2", index ^ 2, size),
                ("index = size", size, size), ("index = -1", -1, size), ("index = long.MaxValue", long.MaxValue, size),
                ("size - 1", index, size - 1), ("size + 1", index, size + 1),
                ("size * 2", index, size * 2), ("size / 2", index, size / 2),
                ("size = 0", index, 0), ("size = -size", index, -size), ("size = long.MaxValue", index, long.MaxValue),
            };

            foreach (var (name, mutatedIndex, mutatedSize) in mutations)
            {
                if (mutatedIndex == index && mutatedSize == size)
                {
                    continue;
                }

                bool accepted = Accepts(verifier, mutatedIndex, mutatedSize, leaf, proof, root);
                if (VerifierTrace.Inclusion(mutatedIndex, mutatedSize, proof.Length) == original)
                {
                    Assert.True(accepted, $"{vector}, {name}: same computation, so it must verify");
                    indistinguishable.Add($"{vector}: {name}");
                }
                else
                {
                    Assert.False(accepted, $"{vector}, {name} was accepted");
                }
            }
        }

        Assert.Equal(["leaf 0 of 8: size - 1", "leaf 5 of 8: size - 1", "leaf 1 of 5: size + 1"], indistinguishable);
    }

    private static bool Accepts(InclusionProofVerifier verifier, long index, long size, byte[] leaf, byte[][] proof, byte[] root)
    {
        bool verified = verifier.VerifyInclusion(index, size, leaf, proof, root);
        var exception = Record.Exception(() => verifier.VerifyInclusionOrThrow(index, size, leaf, proof, root));
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
