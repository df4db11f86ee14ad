using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Millwright.Protocol.Crypto;

namespace Millwright.Benchmarks;

/// <summary>
/// How far is our managed SHA-256 / HMAC-SHA-256 (portable to nanoFramework) from the BCL's native ones, on the
/// MAC_structure of a typical frame? The BCL one-shots set up a native context per call (and HMAC derives its
/// pads from the key each time); IncrementalHash with the key set once is the like-for-like comparison for our
/// HmacSha256, which precomputes the padded-key states in SetKey.
/// </summary>
[MemoryDiagnoser]
public class HashPrimitiveBenchmarks : IDisposable
{
    private readonly byte[] _data = TypicalFrame.MacStructure();
    private readonly byte[] _output = new byte[32];
    private readonly byte[] _key = TypicalFrame.Keys.DeviceMessageKey;
    private readonly Sha256 _sha = new();
    private readonly HmacSha256 _hmac = new(TypicalFrame.Keys.DeviceMessageKey);
    private readonly IncrementalHash _bclHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, TypicalFrame.Keys.DeviceMessageKey);

    [Benchmark(Baseline = true, Description = "BCL SHA256.HashData")]
    public int BclSha256() => SHA256.HashData(_data, _output);

    [Benchmark(Description = "Millwright Sha256.Hash")]
    public byte OurSha256()
    {
        _sha.Hash(_data, 0, _data.Length, _output, 0);
        return _output[0];
    }

    [Benchmark(Description = "BCL HMACSHA256.HashData (key per call)")]
    public int BclHmacOneShot() => HMACSHA256.HashData(_key, _data, _output);

    [Benchmark(Description = "BCL IncrementalHash HMAC (key set once)")]
    public int BclHmacKeyedOnce()
    {
        _bclHmac.AppendData(_data);
        return _bclHmac.GetHashAndReset(_output);
    }

    [Benchmark(Description = "Millwright HmacSha256 (key set once)")]
    public byte OurHmac()
    {
        _hmac.Compute(_data, 0, _data.Length, _output, 0);
        return _output[0];
    }

    public void Dispose()
    {
        _bclHmac.Dispose();
        GC.SuppressFinalize(this);
    }
}
