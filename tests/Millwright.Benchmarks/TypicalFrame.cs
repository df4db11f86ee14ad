using Millwright.Protocol.Cbor;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Benchmarks;

/// <summary>
/// The frame every benchmark works on: one tick of a six-channel node (temperatures, pressure, vibration, current),
/// synced clock, a realistic sequence number. Also builds the bytes the baselines hash.
/// </summary>
public static class TypicalFrame
{
    /// <summary>The device secret the frame is signed with (derived keys in <see cref="Keys"/>).</summary>
    public static readonly byte[] Secret = CreateSecret();

    public static readonly DeviceKeys Keys = new(Secret);

    public static Frame Create()
    {
        var frame = new Frame
        {
            DeviceId = "mill-07-press",
            BootCounter = 3,
            Sequence = 1_234_567,
            TimeMicros = 1_767_225_600_123_456,
            TimeQuality = TimeQuality.Sntp,
        };
        frame.AddSample(1, 0, 21.37f);
        frame.AddSample(2, 120, 64.8f);
        frame.AddSample(3, 240, 1013.25f);
        frame.AddSample(4, 360, 0.0123f);
        frame.AddSample(5, 480, 4.7f);
        frame.AddSample(6, 600, -3.5f);
        return frame;
    }

    /// <summary>The signed COSE_Mac0 of <see cref="Create"/>, as a node sends it.</summary>
    public static byte[] SignedMessage()
    {
        var output = new byte[ProtocolLimits.MaxMessageBytes];
        int length = new SignedMessageWriter(Keys.DeviceMessageKey, Keys.KeyId).WriteFrame(Create(), output, 0);
        return output.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// MAC_structure ["MAC0", h'a10105', h'', payload] (RFC 9052 §6.3) of the frame, built in memory: exactly the
    /// bytes our signer streams into HMAC, so a BCL HMAC over them does the same cryptographic work.
    /// </summary>
    public static byte[] MacStructure()
    {
        var payload = new byte[ProtocolLimits.MaxMessageBytes];
        var writer = new CborWriter(payload);
        FrameCodec.Encode(Create(), writer);

        var structure = new byte[ProtocolLimits.MaxMessageBytes];
        var outer = new CborWriter(structure);
        outer.WriteArrayHeader(4);
        outer.WriteTextString("MAC0");
        outer.WriteByteString([0xa1, 0x01, 0x05]);
        outer.WriteByteString([]);
        outer.WriteByteString(payload, 0, writer.Length);
        return structure.AsSpan(0, outer.Length).ToArray();
    }

    private static byte[] CreateSecret()
    {
        var secret = new byte[KeyDerivation.SecretSize];
        new Random(7).NextBytes(secret);
        return secret;
    }
}
