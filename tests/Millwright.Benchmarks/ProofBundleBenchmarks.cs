using System.Text;
using BenchmarkDotNet.Attributes;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Verification;
using Millwright.Protocol.Merkle;

namespace Millwright.Benchmarks;

/// <summary>
/// What does an auditor's offline `verify` cost for one frame in a 1,000,000-leaf log, and how big is the bundle?
/// Bundles are made once per run for 1,024 fixed random leaves (each the typical signed frame, the other leaves
/// distinct), serialized as `millwright proof` writes them. Baseline: the bare RFC 9162 inclusion check of the same
/// proof, without reading JSON or the frame.
/// </summary>
[MemoryDiagnoser]
public class ProofBundleBenchmarks
{
    private const int BundleCount = 1024;

    private readonly InclusionProofVerifier _verifier = new();
    private readonly MerkleHasher _hasher = new();
    private FrameProofBundle[] _bundles = [];
    private string[] _json = [];
    private byte[] _secret = [];
    private int _next;

    [Params(1_000_000)]
    public int TreeSize { get; set; }

    [GlobalSetup]
    public void MakeBundles()
    {
        var random = new Random(11);
        long[] indices = Enumerable.Range(0, BundleCount).Select(_ => random.NextInt64(TreeSize)).ToArray();
        var probed = new HashSet<long>(indices);
        byte[] genuine = TypicalFrame.SignedMessage();
        byte[] other = TypicalFrame.SignedMessage();
        var tree = new MerkleTree(TreeSize);
        for (int i = 0; i < TreeSize; i++)
        {
            BitConverter.TryWriteBytes(other.AsSpan(other.Length - 4), i); // distinct leaves (in the tag)
            tree.Append(probed.Contains(i) ? genuine : other);
        }

        byte[] root = tree.GetRoot();
        var anchor = new AnchorRecord(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3", "0x" + new string('a', 64), 1_234, "0x" + new string('b', 64), 1_767_225_600);
        _bundles = indices.Select(index => new FrameProofBundle(
            "mill-07-press", 1, 1_234_567, index, genuine, tree.GetInclusionProof(index, TreeSize), new CheckpointRecord(TreeSize, root, anchor))).ToArray();
        _json = _bundles.Select(ProofBundleJson.Serialize).ToArray();
        _secret = TypicalFrame.Secret;
        if (!_bundles.All(b => FrameBundleChecks.Frame(b).Passed && FrameBundleChecks.Inclusion(b).Passed && FrameBundleChecks.Mac(b, _secret).Passed))
        {
            throw new InvalidOperationException("setup produced a bundle that does not verify");
        }

        int[] sizes = _json.Select(Encoding.UTF8.GetByteCount).ToArray();
        Console.WriteLine($"// proof bundle size: min {sizes.Min()} B, mean {sizes.Average():F0} B, max {sizes.Max()} B; " +
            $"path {_bundles.Min(b => b.InclusionPath.Count)}–{_bundles.Max(b => b.InclusionPath.Count)} hashes; signed frame {genuine.Length} B");
    }

    [Benchmark(Baseline = true, Description = "InclusionProofVerifier.VerifyInclusion (parsed, leaf hash given)")]
    public bool InclusionOnly()
    {
        FrameProofBundle bundle = _bundles[Next()];
        return _verifier.VerifyInclusion(bundle.LeafIndex, TreeSize, _hasher.HashLeaf(bundle.SignedFrame), [.. bundle.InclusionPath], bundle.Checkpoint.Root);
    }

    [Benchmark(Description = "frame + inclusion checks (parsed bundle)")]
    public bool OfflineChecks()
    {
        FrameProofBundle bundle = _bundles[Next()];
        return FrameBundleChecks.Frame(bundle).Passed & FrameBundleChecks.Inclusion(bundle).Passed;
    }

    [Benchmark(Description = "verify offline: parse JSON + frame + inclusion")]
    public bool ParseAndVerify()
    {
        var bundle = (FrameProofBundle)ProofBundleJson.Parse(_json[Next()]);
        return FrameBundleChecks.Frame(bundle).Passed & FrameBundleChecks.Inclusion(bundle).Passed;
    }

    [Benchmark(Description = "verify offline + MAC (--secret-file: key derivation + HMAC)")]
    public bool ParseAndVerifyWithMac()
    {
        var bundle = (FrameProofBundle)ProofBundleJson.Parse(_json[Next()]);
        return FrameBundleChecks.Frame(bundle).Passed & FrameBundleChecks.Inclusion(bundle).Passed & FrameBundleChecks.Mac(bundle, _secret).Passed;
    }

    private int Next() => _next = (_next + 1) & (BundleCount - 1);
}
