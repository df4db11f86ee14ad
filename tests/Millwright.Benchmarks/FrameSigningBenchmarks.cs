using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Millwright.Protocol.Messages;

namespace Millwright.Benchmarks;

/// <summary>What does a node pay to encode and sign one frame, next to the BCL's HMAC over the same bytes?</summary>
[MemoryDiagnoser]
public class FrameSigningBenchmarks
{
    private readonly Frame _frame = TypicalFrame.Create();
    private readonly byte[] _output = new byte[ProtocolLimits.MaxMessageBytes];
    private readonly byte[] _tag = new byte[32];
    private readonly byte[] _key = TypicalFrame.Keys.DeviceMessageKey;
    private readonly byte[] _macStructure = TypicalFrame.MacStructure();
    private readonly SignedMessageWriter _writer = new(TypicalFrame.Keys.DeviceMessageKey, TypicalFrame.Keys.KeyId);

    [GlobalSetup]
    public void CheckBaselineHashesTheSameBytes()
    {
        int length = _writer.WriteFrame(_frame, _output, 0);
        HMACSHA256.HashData(_key, _macStructure, _tag);
        if (!_output.AsSpan(length - 32, 32).SequenceEqual(_tag))
        {
            throw new InvalidOperationException("the baseline does not MAC the bytes our signer MACs");
        }
    }

    [Benchmark(Baseline = true, Description = "BCL HMACSHA256.HashData(MAC_structure)")]
    public int BclHmacOverMacStructure() => HMACSHA256.HashData(_key, _macStructure, _tag);

    [Benchmark(Description = "SignedMessageWriter.WriteFrame (encode + sign)")]
    public int EncodeAndSign() => _writer.WriteFrame(_frame, _output, 0);
}
