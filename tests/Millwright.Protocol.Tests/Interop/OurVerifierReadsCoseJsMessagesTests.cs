using System.Text.Json.Nodes;
using Millwright.Protocol.Cbor;
using Millwright.Protocol.Cose;
using Millwright.Protocol.Crypto;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Protocol.Tests.Interop;

/// <summary>
/// COSE_Mac0 messages made by cose-js 0.9.0 (cose.mac.create, alg 5 in the protected header, kid in the
/// unprotected one) over frame payloads encoded by the npm cbor package (Interop/js/create-mac0.js) are read by
/// our strict <see cref="CoseMac0Message"/>, <see cref="MessageVerifier"/> and <see cref="FrameCodec"/>.
/// </summary>
public class OurVerifierReadsCoseJsMessagesTests
{
    [Fact]
    public async Task OurVerifierAcceptsCoseJsMac0AndDecodesTheFrame()
    {
        var (random, keys) = InteropSetup.Start();
        var frames = new List<Frame> { InteropFrames.CreateWithEverySpecialValue(random) };
        for (int i = 1; i < 24; i++)
        {
            frames.Add(InteropFrames.Create(random));
        }

        JsonArray messages = await CreateWithCoseJsAsync(keys, frames, plainNumbers: false);

        var message = new CoseMac0Message();
        var hmac = new HmacSha256(keys.DeviceMessageKey);
        var verifier = new MessageVerifier(keys.DeviceMessageKey, keys.KeyId);
        var reader = new CborReader([]);
        var decoded = new Frame();
        for (int i = 0; i < frames.Count; i++)
        {
            byte[] cose = Convert.FromHexString((string)messages[i]!["coseHex"]!);
            message.Parse(cose, 0, cose.Length);
            Assert.Equal("a10105", Convert.ToHexStringLower(cose, message.ProtectedOffset, message.ProtectedLength));
            Assert.True(message.KeyIdEquals(keys.KeyId), $"kid of message {i} differs");
            Assert.True(message.Verify(hmac), $"our verifier rejected cose-js message {i}");

            Assert.Equal(MessageType.Frame, verifier.Verify(cose, 0, cose.Length));
            reader.Reset(cose, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
            FrameCodec.DecodeInto(reader, decoded);
            reader.Finish();
            InteropFrames.AssertSameFrame(frames[i], decoded);
        }
    }

    // Both sides encode deterministically (RFC 8949 §4.2), so two independent encoders must agree to the byte.
    [Fact]
    public async Task CoseJsAndOurWriterProduceIdenticalBytesForTheSameFrame()
    {
        var (random, keys) = InteropSetup.Start();
        var frames = new List<Frame> { InteropFrames.CreateWithEverySpecialValue(random) };
        for (int i = 1; i < 12; i++)
        {
            frames.Add(InteropFrames.Create(random));
        }

        JsonArray messages = await CreateWithCoseJsAsync(keys, frames, plainNumbers: false);

        var writer = new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId);
        var output = new byte[ProtocolLimits.MaxMessageBytes];
        for (int i = 0; i < frames.Count; i++)
        {
            int length = writer.WriteFrame(frames[i], output, 0);
            Assert.Equal((string)messages[i]!["coseHex"]!, Convert.ToHexStringLower(output, 0, length));
        }
    }

    [Fact]
    public async Task OurVerifierRejectsCoseJsMac0WithFlippedPayloadBitOrAnotherKey()
    {
        var (random, keys) = InteropSetup.Start();
        JsonArray messages = await CreateWithCoseJsAsync(keys, [InteropFrames.Create(random)], plainNumbers: false);
        byte[] cose = Convert.FromHexString((string)messages[0]!["coseHex"]!);
        byte[] tampered = (byte[])cose.Clone();
        tampered[cose.Length - 2 - 32 - 1] ^= 0x01; // last payload byte, just before the tag's 58 20 header
        byte[] otherKey = InteropSetup.NewDeviceKeys(random).DeviceMessageKey;

        var verifier = new MessageVerifier(keys.DeviceMessageKey, keys.KeyId);
        Assert.Equal(MessageType.Frame, verifier.Verify(cose, 0, cose.Length));
        Assert.Equal(ProtocolError.CoseBadMac, Assert.Throws<ProtocolException>(() => verifier.Verify(tampered, 0, tampered.Length)).Error);
        var strangerVerifier = new MessageVerifier(otherKey, keys.KeyId);
        Assert.Equal(ProtocolError.CoseBadMac, Assert.Throws<ProtocolException>(() => strangerVerifier.Verify(cose, 0, cose.Length)).Error);
    }

    // The hazard the FloatValue wrapper in create-mac0.js exists for: a JavaScript number does not say it is a
    // float, so npm cbor writes 20.0 as the integer 20. The MAC still verifies; our schema then refuses the value.
    [Fact]
    public async Task NpmCborWritesIntegralSampleValuesAsIntegersWhichOurFrameDecoderRejects()
    {
        var (random, keys) = InteropSetup.Start();
        Frame frame = InteropFrames.Create(random);
        frame.ClearSamples();
        frame.AddSample(1, 0, 20f);

        JsonArray messages = await CreateWithCoseJsAsync(keys, [frame], plainNumbers: true);
        byte[] cose = Convert.FromHexString((string)messages[0]!["coseHex"]!);

        Assert.EndsWith("8183010014", (string)messages[0]!["payloadHex"]!, StringComparison.Ordinal); // [[1, 0, 20]]
        var verifier = new MessageVerifier(keys.DeviceMessageKey, keys.KeyId);
        Assert.Equal(MessageType.Frame, verifier.Verify(cose, 0, cose.Length));
        var error = Assert.Throws<ProtocolException>(
            () => FrameCodec.Decode(cose, verifier.Message.PayloadOffset, verifier.Message.PayloadLength));
        Assert.Equal(ProtocolError.MessageInvalidField, error.Error);
    }

    private static async Task<JsonArray> CreateWithCoseJsAsync(DeviceKeys keys, List<Frame> frames, bool plainNumbers)
    {
        var request = new JsonObject
        {
            ["keyHex"] = Convert.ToHexStringLower(keys.DeviceMessageKey),
            ["kidHex"] = Convert.ToHexStringLower(keys.KeyId),
            ["plainNumbers"] = plainNumbers,
            ["frames"] = new JsonArray(frames.Select(f => (JsonNode)InteropFrames.ToJson(f)).ToArray()),
        };
        JsonNode response = await NodeInterop.RunScriptAsync("create-mac0.js", request, TestContext.Current.CancellationToken);
        JsonArray messages = response["messages"]!.AsArray();
        Assert.Equal(frames.Count, messages.Count);
        return messages;
    }
}
