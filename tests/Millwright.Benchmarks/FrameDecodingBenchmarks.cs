using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Millwright.Protocol.Cbor;
using Millwright.Protocol.Messages;

namespace Millwright.Benchmarks;

/// <summary>What does the controller pay from signed bytes to a usable frame (verify, then decode into a reused Frame)?</summary>
[MemoryDiagnoser]
public class FrameDecodingBenchmarks
{
    private readonly byte[] _signed = TypicalFrame.SignedMessage();
    private readonly byte[] _tag = new byte[32];
    private readonly byte[] _key = TypicalFrame.Keys.DeviceMessageKey;
    private readonly byte[] _macStructure = TypicalFrame.MacStructure();
    private readonly MessageVerifier _verifier = new(TypicalFrame.Keys.DeviceMessageKey, TypicalFrame.Keys.KeyId);
    private readonly CborReader _reader = new([]);
    private readonly Frame _frame = new();

    [Benchmark(Baseline = true, Description = "BCL HMACSHA256.HashData(MAC_structure)")]
    public int BclHmacOverMacStructure() => HMACSHA256.HashData(_key, _macStructure, _tag);

    [Benchmark(Description = "Verify + FrameCodec.DecodeInto (reused Frame)")]
    public int VerifyAndDecode()
    {
        _verifier.Verify(_signed, 0, _signed.Length);
        _reader.Reset(_signed, _verifier.Message.PayloadOffset, _verifier.Message.PayloadLength);
        FrameCodec.DecodeInto(_reader, _frame);
        _reader.Finish();
        return _frame.SampleCount;
    }
}
