using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Millwright.Protocol.Merkle;

namespace Millwright.Benchmarks;

/// <summary>
/// What does logging one signed frame into the Merkle tree cost: leaf hash, frontier append and the new root
/// (RFC 9162 §2.1.1)? The frontier keeps growing across invocations; its cost is amortised O(1) hashes per leaf.
/// </summary>
[MemoryDiagnoser]
public class MerkleAppendBenchmarks
{
    private readonly byte[] _leaf = TypicalFrame.SignedMessage();
    private readonly byte[] _root = new byte[32];
    private readonly MerkleFrontier _frontier = new();

    [Benchmark(Baseline = true, Description = "BCL SHA256.HashData(signed frame)")]
    public int BclSha256OfLeaf() => SHA256.HashData(_leaf, _root);

    [Benchmark(Description = "MerkleFrontier.AppendLeaf")]
    public long Append()
    {
        _frontier.AppendLeaf(_leaf, 0, _leaf.Length);
        return _frontier.Size;
    }

    [Benchmark(Description = "MerkleFrontier.AppendLeaf + WriteRoot")]
    public byte AppendAndRoot()
    {
        _frontier.AppendLeaf(_leaf, 0, _leaf.Length);
        _frontier.WriteRoot(_root, 0);
        return _root[0];
    }
}
