namespace Millwright.Protocol.Tests.Merkle;

/// <summary>
/// The classic Certificate Transparency test tree: eight leaves, their roots, complete-subtree hashes and
/// proofs. Hashing is RFC 6962 §2.1 = RFC 9162 §2.1.1 (SHA-256, 0x00 leaf / 0x01 node prefixes).
/// <para>
/// Where they come from (data only, Apache-2.0, © Google LLC): the leaves, roots and proofs are copied from
/// transparency-dev/merkle <c>proof/verify_test.go</c> (commit 02194e9a; <c>leaves</c>, <c>roots</c>,
/// <c>inclusionProofs</c>, <c>consistencyProofs</c>), the node hashes and compact ranges from
/// <c>testonly/constants.go</c> (commit 582a6ad1; <c>NodeHashes</c>, <c>CompactTrees</c>). They descend from the
/// C++ certificate-transparency <c>merkle_tree_test.cc</c> and also appear in google/certificate-transparency-go.
/// </para>
/// <para>
/// How they were checked: every value below was recomputed independently, before this code existed, with
/// Python's hashlib straight from the RFC 9162 §2.1.1/§2.1.3.1/§2.1.4.1 recursive definitions, e.g.
/// <c>L=lambda d: sha256(b'\x00'+d).digest(); N=lambda a,b: sha256(b'\x01'+a+b).digest()</c> with
/// MTH/PATH/SUBPROOF written as in the RFC. A leaf hash alone: <c>echo -n 00 | xxd -r -p | sha256sum</c>.
/// </para>
/// </summary>
public static class MerkleTestVectors
{
    public static readonly string[] LeafInputsHex =
    [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ];

    /// <summary>RFC 9162 §2.1.1: MTH({}) = SHA-256("").</summary>
    public const string EmptyRootHex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Root of the first n leaves, indexed by n (0..8).</summary>
    public static readonly string[] RootsBySizeHex =
    [
        EmptyRootHex,
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    /// <summary>Complete subtree hashes: [level][index], level 0 being the leaf hashes.</summary>
    public static readonly string[][] NodeHashesHex =
    [
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
        ],
        [
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        ],
        [
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
        [
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ],
    ];

    /// <summary>(level, index) of the compact range [0, n) for n = 0..8, largest subtree first (CompactTrees).</summary>
    public static readonly int[][] FrontierNodesBySize =
    [
        [],
        [0, 0],
        [1, 0],
        [1, 0, 0, 2],
        [2, 0],
        [2, 0, 0, 4],
        [2, 0, 1, 2],
        [2, 0, 1, 2, 0, 6],
        [3, 0],
    ];

    /// <summary>Inclusion proofs (0-based leaf index; verify_test.go numbers leaves from 1).</summary>
    public static readonly InclusionVector[] InclusionProofs =
    [
        new(0, 1, []),
        new(0, 8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        new(5, 8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        new(2, 3,
        [
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        ]),
        new(1, 5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
    ];

    public static readonly ConsistencyVector[] ConsistencyProofs =
    [
        new(1, 1, []),
        new(1, 8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        new(6, 8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        new(2, 5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
        new(6, 7,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
    ];

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static byte[][] Hex(string[] hexes) => hexes.Select(Convert.FromHexString).ToArray();

    public static byte[] Leaf(int index) => Hex(LeafInputsHex[index]);

    public static byte[] Root(long size) => Hex(RootsBySizeHex[size]);

    public static byte[] Node(int level, int index) => Hex(NodeHashesHex[level][index]);

    public sealed record InclusionVector(long LeafIndex, long TreeSize, string[] ProofHex)
    {
        public byte[][] Proof => Hex(ProofHex);

        public override string ToString() => $"leaf {LeafIndex} of {TreeSize}";
    }

    public sealed record ConsistencyVector(long Size1, long Size2, string[] ProofHex)
    {
        public byte[][] Proof => Hex(ProofHex);

        public override string ToString() => $"{Size1} -> {Size2}";
    }
}
