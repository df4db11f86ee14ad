using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Millwright.Protocol.Messages;

namespace Millwright.Benchmarks;

/// <summary>What does the controller pay to check one signed frame (structure, kid, MAC), next to the BCL's HMAC?</summary>
[MemoryDiagnoser]
public class FrameVerificationBenchmarks
{
    private readonly byte[] _signed = TypicalFrame.SignedMessage();
    private readonly byte[] _tag = new byte[32];
    private readonly byte[] _key = TypicalFrame.Keys.DeviceMessageKey;
    private readonly byte[] _macStructure = TypicalFrame.MacStructure();
    private readonly MessageVerifier _verifier = new(TypicalFrame.Keys.DeviceMessageKey, TypicalFrame.Keys.KeyId);

    [Benchmark(Baseline = true, Description = "BCL HMACSHA256.HashData(MAC_structure)")]
    public int BclHmacOverMacStructure() => HMACSHA256.HashData(_key, _macStructure, _tag);

    [Benchmark(Description = "MessageVerifier.Verify")]
    public MessageType Verify() => _verifier.Verify(_signed, 0, _signed.Length);
}
