using System.Text.Json.Nodes;
using Millwright.Protocol.Messages;

namespace Millwright.Protocol.Tests.Interop;

/// <summary>
/// Frames signed by our <see cref="SignedMessageWriter"/> are checked by code nobody here wrote: cose-js 0.9.0
/// verifies the COSE_Mac0 (cose.mac.read) and the npm cbor package decodes the payload (Interop/js/verify-mac0.js).
/// </summary>
public class CoseJsVerifiesOurMessagesTests
{
    private const string TagMismatch = "Tag mismatch";

    [Fact]
    public async Task CoseJsVerifiesFramesWeSignedAndNpmCborDecodesTheirFields()
    {
        var (random, keys) = InteropSetup.Start();
        var writer = new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId);
        var frames = new List<Frame>();
        var messages = new JsonArray();
        for (int i = 0; i < 24; i++)
        {
            Frame frame = i == 0 ? InteropFrames.CreateWithEverySpecialValue(random) : InteropFrames.Create(random);
            frames.Add(frame);
            messages.Add(Sign(writer, frame));
        }

        JsonArray results = await VerifyWithCoseJsAsync(keys.DeviceMessageKey, messages);

        Assert.Equal(frames.Count, results.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            JsonNode result = results[i]!;
            Assert.True((bool)result["ok"]!, $"cose-js rejected frame {i}: {result["error"]}");
            Assert.Equal("a10105", (string?)result["protectedHex"]);
            Assert.Equal(Convert.ToHexStringLower(keys.KeyId), (string?)result["kidHex"]);
            InteropFrames.AssertDescribes(frames[i], result["frame"]!);
        }
    }

    [Fact]
    public async Task CoseJsRejectsOurMessageWhenTamperedOrCheckedWithAnotherKey()
    {
        var (random, keys) = InteropSetup.Start();
        byte[] signed = Convert.FromHexString(Sign(new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId), InteropFrames.Create(random)));

        // Our layout: d1 84 43 a1 01 05 a1 04 48 <kid, 8 bytes> <payload bstr> 58 20 <tag, 32 bytes>.
        const int algorithmByte = 5;
        int lastPayloadByte = signed.Length - 2 - 32 - 1;
        int lastTagByte = signed.Length - 1;
        var cases = new (string Name, byte[] Message)[]
        {
            ("untampered (control)", signed),
            ("payload bit flipped", Flip(signed, lastPayloadByte, 0x01)),
            ("tag bit flipped", Flip(signed, lastTagByte, 0x80)),
            ("alg 5 changed to 4 (HMAC 256/64)", Replace(signed, algorithmByte, 0x04)),
            ("alg 5 changed to 6 (HMAC 384/384)", Replace(signed, algorithmByte, 0x06)),
        };
        JsonArray results = await VerifyWithCoseJsAsync(
            keys.DeviceMessageKey, new JsonArray(cases.Select(c => (JsonNode)Convert.ToHexStringLower(c.Message)).ToArray()));
        byte[] otherKey = InteropSetup.NewDeviceKeys(random).DeviceMessageKey;
        JsonArray wrongKey = await VerifyWithCoseJsAsync(otherKey, new JsonArray(Convert.ToHexStringLower(signed)));

        Assert.True((bool)results[0]!["ok"]!, $"cose-js rejected the untampered control: {results[0]!["error"]}");
        for (int i = 1; i < cases.Length; i++)
        {
            Assert.False((bool)results[i]!["ok"]!, $"cose-js accepted a message with {cases[i].Name}");
            Assert.Equal(TagMismatch, (string?)results[i]!["error"]);
        }

        Assert.False((bool)wrongKey[0]!["ok"]!, "cose-js accepted our message under another device's key");
        Assert.Equal(TagMismatch, (string?)wrongKey[0]!["error"]);
    }

    private static string Sign(SignedMessageWriter writer, Frame frame)
    {
        var output = new byte[ProtocolLimits.MaxMessageBytes];
        int length = writer.WriteFrame(frame, output, 0);
        return Convert.ToHexStringLower(output, 0, length);
    }

    private static async Task<JsonArray> VerifyWithCoseJsAsync(byte[] key, JsonArray messages)
    {
        var request = new JsonObject { ["keyHex"] = Convert.ToHexStringLower(key), ["messages"] = messages };
        JsonNode response = await NodeInterop.RunScriptAsync("verify-mac0.js", request, TestContext.Current.CancellationToken);
        return response["results"]!.AsArray();
    }

    private static byte[] Flip(byte[] message, int index, byte mask)
    {
        byte[] copy = (byte[])message.Clone();
        copy[index] ^= mask;
        return copy;
    }

    private static byte[] Replace(byte[] message, int index, byte value)
    {
        Assert.Equal(0x05, message[index]);
        byte[] copy = (byte[])message.Clone();
        copy[index] = value;
        return copy;
    }
}
