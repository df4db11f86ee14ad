using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Millwright.Protocol.Merkle;

namespace Millwright.Benchmarks;

/// <summary>
/// What does the controller pay to produce, and a reader to check, an inclusion proof (RFC 9162 §2.1.3) in a
/// large log? The tree is built once per run; leaves are drawn from a fixed set of random indices so successive
/// invocations walk different paths. Baseline: the BCL hashing the same number of 65-byte node inputs as a
/// proof has entries, i.e. what verification costs with native SHA-256 and no bookkeeping.
/// </summary>
[MemoryDiagnoser]
public class MerkleProofBenchmarks
{
    private const int IndexCount = 1024;

    private readonly InclusionProofVerifier _verifier = new();
    private readonly byte[] _nodeInput = new byte[65];
    private readonly byte[] _hash = new byte[32];
    private MerkleTree _tree = null!;
    private long[] _indices = [];
    private byte[][] _leafHashes = [];
    private byte[][][] _proofs = [];
    private byte[] _root = [];
    private int _next;

    [Params(1_000_000)]
    public int TreeSize { get; set; }

    [GlobalSetup]
    public void BuildTree()
    {
        _tree = new MerkleTree(TreeSize);
        byte[] leaf = TypicalFrame.SignedMessage();
        for (int i = 0; i < TreeSize; i++)
        {
            BitConverter.TryWriteBytes(leaf.AsSpan(leaf.Length - 4), i); // distinct leaves
            _tree.Append(leaf);
        }

        _root = _tree.GetRoot();
        var random = new Random(11);
        _indices = new long[IndexCount];
        _leafHashes = new byte[IndexCount][];
        _proofs = new byte[IndexCount][][];
        for (int i = 0; i < IndexCount; i++)
        {
            _indices[i] = random.NextInt64(TreeSize);
            _leafHashes[i] = _tree.GetLeafHash(_indices[i]);
            _proofs[i] = _tree.GetInclusionProof(_indices[i], TreeSize);
            if (!_verifier.VerifyInclusion(_indices[i], TreeSize, _leafHashes[i], _proofs[i], _root))
            {
                throw new InvalidOperationException("setup produced a proof that does not verify");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "BCL SHA256.HashData x proof length (65-byte inputs)")]
    public byte BclNodeHashes()
    {
        int steps = _proofs[Next()].Length;
        for (int i = 0; i < steps; i++)
        {
            SHA256.HashData(_nodeInput, _hash);
            _hash.CopyTo(_nodeInput, 1);
        }

        return _hash[0];
    }

    [Benchmark(Description = "MerkleTree.GetInclusionProof")]
    public int Generate()
    {
        int i = Next();
        return _tree.GetInclusionProof(_indices[i], TreeSize).Length;
    }

    [Benchmark(Description = "InclusionProofVerifier.VerifyInclusion")]
    public bool Verify()
    {
        int i = Next();
        return _verifier.VerifyInclusion(_indices[i], TreeSize, _leafHashes[i], _proofs[i], _root);
    }

    [Benchmark(Description = "GetInclusionProof + VerifyInclusion")]
    public bool GenerateAndVerify()
    {
        int i = Next();
        byte[][] proof = _tree.GetInclusionProof(_indices[i], TreeSize);
        return _verifier.VerifyInclusion(_indices[i], TreeSize, _leafHashes[i], proof, _root);
    }

    private int Next() => _next = (_next + 1) & (IndexCount - 1);
}
