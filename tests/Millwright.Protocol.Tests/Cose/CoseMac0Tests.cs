using Millwright.Protocol.Cose;
using Millwright.Protocol.Crypto;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Tests.Messages;

namespace Millwright.Protocol.Tests.Cose;

public class CoseMac0Tests
{
    private static readonly byte[] Key = TestDevice.Keys.DeviceMessageKey;
    private static readonly byte[] KeyId = TestDevice.Keys.KeyId;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(1500)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(70000)]
    public void SignedMessageVerifiesAndParsesBackToItsParts(int payloadLength)
    {
        byte[] payload = RandomBytes(payloadLength, payloadLength);
        byte[] signed = Sign(payload);

        var message = new CoseMac0Message();
        message.Parse(signed, 0, signed.Length);
        Assert.True(message.Verify(new HmacSha256(Key)));
        Assert.True(message.KeyIdEquals(KeyId));
        Assert.Equal(KeyId, message.CopyKeyId());
        Assert.Equal(payload, signed.AsSpan(message.PayloadOffset, message.PayloadLength).ToArray());
        Assert.Equal(IndependentCose.ProtectedAlg5, signed.AsSpan(message.ProtectedOffset, message.ProtectedLength).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(300)]
    [InlineData(70000)]
    public void LayoutAndMacMatchAnIndependentCoseImplementation(int payloadLength)
    {
        byte[] payload = RandomBytes(payloadLength, 9052 + payloadLength);
        byte[] signed = Sign(payload);

        IndependentCose.Parts parts = IndependentCose.Decode(signed);
        Assert.Equal(17UL, parts.Tag);
        Assert.Equal(IndependentCose.ProtectedAlg5, parts.Protected);
        Assert.Equal(1, parts.UnprotectedPairs);
        Assert.Equal(KeyId, parts.KeyId);
        Assert.Equal(payload, parts.Payload);
        Assert.Equal(IndependentCose.Mac(Key, IndependentCose.ProtectedAlg5, payload), parts.MacTag);

        // And the whole message is exactly what the independent implementation builds.
        Assert.Equal(IndependentCose.Build(Key, KeyId, payload), signed);
    }

    [Fact]
    public void MacStructureIsTheRfc9052Array()
    {
        // ["MAC0", h'a10105', h'', h'010203'] in deterministic CBOR.
        Assert.Equal(
            "84644d414330" + "43a10105" + "40" + "43010203",
            Convert.ToHexStringLower(IndependentCose.MacStructure(IndependentCose.ProtectedAlg5, [1, 2, 3])));
    }

    [Fact]
    public void VerifiesAMessageBuiltByTheIndependentImplementation()
    {
        byte[] payload = RandomBytes(100, 7);
        byte[] message = IndependentCose.Build(Key, KeyId, payload);

        var verifier = new CoseMac0Message();
        verifier.Parse(message, 0, message.Length);
        Assert.True(verifier.Verify(new HmacSha256(Key)));
    }

    [Fact]
    public void ParsesAMessageInsideALargerBuffer()
    {
        byte[] signed = Sign(RandomBytes(40, 3));
        var buffer = new byte[signed.Length + 20];
        signed.CopyTo(buffer, 7);

        var message = new CoseMac0Message();
        message.Parse(buffer, 7, signed.Length);
        Assert.True(message.Verify(new HmacSha256(Key)));
    }

    [Fact]
    public void NoSingleBitFlipEverVerifies()
    {
        byte[] signed = TestDevice.Signed(MessageType.Frame);
        var verifier = TestDevice.ControllerSideVerifier();
        var message = new CoseMac0Message();
        var hmac = new HmacSha256(Key);
        var errors = new Dictionary<ProtocolError, int>();
        int keyIdStart = Array.IndexOf(signed, (byte)0x48) + 1;
        for (int index = 0; index < signed.Length; index++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] tampered = (byte[])signed.Clone();
                tampered[index] ^= (byte)(1 << bit);

                ProtocolError error = ErrorOf(() => verifier.Verify(tampered, 0, tampered.Length));
                errors[error] = errors.GetValueOrDefault(error) + 1;

                // The key id sits in the unprotected header (RFC 9052 §3.1), outside the MAC: a changed key id is
                // refused because it names no key of ours, and everything else changes what the MAC covers.
                // A change to the unprotected map's header bytes may also leave no key id at all.
                bool inKeyId = index >= keyIdStart && index < keyIdStart + 8;
                bool inUnprotectedHeader = index >= keyIdStart - 3 && index < keyIdStart + 8;
                if (!inUnprotectedHeader)
                {
                    Assert.NotEqual(ProtocolError.CoseUnknownKeyId, error);
                }
                else if (inKeyId)
                {
                    Assert.Equal(ProtocolError.CoseUnknownKeyId, error);
                    message.Parse(tampered, 0, tampered.Length);
                    Assert.True(message.Verify(hmac));
                }
            }
        }

        Assert.Equal(signed.Length * 8, errors.Values.Sum());
        Assert.InRange(errors[ProtocolError.CoseUnknownKeyId], 64, 88);
        Assert.True(errors[ProtocolError.CoseBadMac] >= 8 * (32 + 0x51), "every bit of the payload and tag is MAC-checked");
    }

    [Fact]
    public void EveryChangedByteValueIsRejected()
    {
        byte[] signed = TestDevice.Signed(MessageType.Ack);
        var verifier = TestDevice.DeviceSideVerifier();
        for (int index = 0; index < signed.Length; index++)
        {
            for (int value = 0; value < 256; value++)
            {
                if (value == signed[index])
                {
                    continue;
                }

                byte[] tampered = (byte[])signed.Clone();
                tampered[index] = (byte)value;
                Assert.Throws<ProtocolException>(() => verifier.Verify(tampered, 0, tampered.Length));
            }
        }
    }

    [Fact]
    public void WrongKeyFailsVerification()
    {
        byte[] signed = Sign(RandomBytes(30, 1));
        var message = new CoseMac0Message();
        message.Parse(signed, 0, signed.Length);

        Assert.False(message.Verify(new HmacSha256(TestDevice.OtherKeys.DeviceMessageKey)));
        byte[] nearlyTheKey = (byte[])Key.Clone();
        nearlyTheKey[0] ^= 0x80;
        Assert.False(message.Verify(new HmacSha256(nearlyTheKey)));
        Assert.True(message.Verify(new HmacSha256(Key)));
    }

    [Fact]
    public void DeviceMessageKeyIsNotTheControllerMessageKey()
    {
        byte[] frame = TestDevice.Signed(MessageType.Frame);

        var message = new CoseMac0Message();
        message.Parse(frame, 0, frame.Length);
        Assert.False(message.Verify(new HmacSha256(TestDevice.Keys.ControllerMessageKey)));

        var deviceSide = TestDevice.DeviceSideVerifier();
        Assert.Equal(ProtocolError.CoseBadMac, ErrorOf(() => deviceSide.Verify(frame, 0, frame.Length)));

        byte[] ack = TestDevice.Signed(MessageType.Ack);
        var controllerSide = TestDevice.ControllerSideVerifier();
        Assert.Equal(ProtocolError.CoseBadMac, ErrorOf(() => controllerSide.Verify(ack, 0, ack.Length)));
    }

    [Fact]
    public void WrongKeyIdIsUnknownKeyId()
    {
        byte[] signed = new CoseMac0Signer(Key, TestDevice.OtherKeys.KeyId).Sign(RandomBytes(20, 2));
        var verifier = new MessageVerifier(Key, KeyId);
        Assert.Equal(ProtocolError.CoseUnknownKeyId, ErrorOf(() => verifier.Verify(signed, 0, signed.Length)));

        byte[] shortId = IndependentCose.Build(Key, KeyId[..7], [0xa0]);
        Assert.Equal(ProtocolError.CoseUnknownKeyId, ErrorOf(() => verifier.Verify(shortId, 0, shortId.Length)));

        byte[] noKeyId = IndependentCose.Build(Key, KeyId, [0xa0], unprotected: w => { w.WriteStartMap(0); w.WriteEndMap(); });
        Assert.Equal(ProtocolError.CoseUnknownKeyId, ErrorOf(() => Parse(noKeyId)));
    }

    [Fact]
    public void UntaggedMessageIsAccepted()
    {
        byte[] payload = RandomBytes(50, 4);
        byte[] tagged = Sign(payload);
        Assert.Equal(0xd1, tagged[0]);
        byte[] untagged = tagged[1..];

        CoseMac0Message message = Parse(untagged);
        Assert.True(message.Verify(new HmacSha256(Key)));
        Assert.Equal(payload, untagged.AsSpan(message.PayloadOffset, message.PayloadLength).ToArray());
        Assert.True(Parse(IndependentCose.Build(Key, KeyId, payload, tag: null)).Verify(new HmacSha256(Key)));
    }

    [Theory]
    [InlineData(16UL)] // COSE_Encrypt0
    [InlineData(18UL)] // COSE_Sign1
    [InlineData(97UL)] // COSE_Mac
    [InlineData(24UL)]
    public void OtherTagsAreMalformed(ulong tag)
    {
        byte[] message = IndependentCose.Build(Key, KeyId, [0xa0], tag: tag);
        Assert.Equal(ProtocolError.CoseMalformed, ErrorOf(() => Parse(message)));
    }

    [Fact]
    public void AlgorithmInTheUnprotectedHeaderIsRejected()
    {
        byte[] message = IndependentCose.Build(Key, KeyId, [0xa0], unprotected: w =>
        {
            w.WriteStartMap(2);
            w.WriteInt32(1);
            w.WriteInt32(5);
            w.WriteInt32(4);
            w.WriteByteString(KeyId);
            w.WriteEndMap();
        });
        Assert.Equal(ProtocolError.CoseMalformed, ErrorOf(() => Parse(message)));

        // Only in the unprotected header (empty protected header): there is no protected algorithm at all.
        byte[] unprotectedOnly = IndependentCose.Build(Key, KeyId, [0xa0], protectedHeader: [], unprotected: w =>
        {
            w.WriteStartMap(2);
            w.WriteInt32(1);
            w.WriteInt32(5);
            w.WriteInt32(4);
            w.WriteByteString(KeyId);
            w.WriteEndMap();
        });
        Assert.Equal(ProtocolError.CoseUnsupportedAlgorithm, ErrorOf(() => Parse(unprotectedOnly)));
    }

    [Theory]
    [InlineData("a10104")] // HMAC 256/64
    [InlineData("a10106")] // HMAC 384/384
    [InlineData("a10107")] // HMAC 512/512
    [InlineData("a10126")] // ES256 (-7)
    [InlineData("a10100")]
    [InlineData("a1016135")] // "5" as text
    [InlineData("a0")] // no algorithm
    [InlineData("")] // empty protected header
    [InlineData("a1182a05")] // label 42, no algorithm
    public void AlgorithmOtherThanHmac256IsUnsupported(string protectedHex)
    {
        byte[] message = IndependentCose.Build(Key, KeyId, [0xa0], protectedHeader: Convert.FromHexString(protectedHex));
        Assert.Equal(ProtocolError.CoseUnsupportedAlgorithm, ErrorOf(() => Parse(message)));
    }

    [Theory]
    [InlineData("05")] // not a map
    [InlineData("8105")] // an array
    [InlineData("a10105ff")] // trailing byte inside the protected bytes
    [InlineData("a1")] // truncated map
    [InlineData("a1011805")] // alg 5 not in its shortest form
    [InlineData("a201050105")] // duplicate label
    public void MalformedProtectedHeaderIsRejected(string protectedHex)
    {
        byte[] message = IndependentCose.Build(Key, KeyId, [0xa0], protectedHeader: Convert.FromHexString(protectedHex));
        Assert.Throws<ProtocolException>(() => Parse(message));
    }

    [Fact]
    public void ProtectedHeaderMayCarryFurtherLabelsBesideTheAlgorithm()
    {
        // {1: 5, 4: kid} in the protected header is still HMAC 256/256, and the MAC covers those bytes.
        byte[] protectedHeader = [0xa2, 0x01, 0x05, 0x04, 0x48, .. KeyId];
        byte[] message = IndependentCose.Build(Key, KeyId, [0xa0], protectedHeader: protectedHeader);
        Assert.True(Parse(message).Verify(new HmacSha256(Key)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void TagThatIsNot32BytesIsMalformed(int length)
    {
        byte[] fullTag = IndependentCose.Mac(Key, IndependentCose.ProtectedAlg5, [0xa0]);
        byte[] tag = new byte[length];
        Array.Copy(fullTag, tag, Math.Min(length, 32));
        byte[] message = IndependentCose.Build(Key, KeyId, [0xa0], macTag: tag);
        Assert.Equal(ProtocolError.CoseMalformed, ErrorOf(() => Parse(message)));
    }

    [Fact]
    public void DetachedPayloadIsRejected()
    {
        byte[] message = IndependentCose.Build(Key, KeyId, [0xa0], detached: true);
        Assert.Equal(ProtocolError.CoseMalformed, ErrorOf(() => Parse(message)));
    }

    [Theory]
    [InlineData("d18343a10105a0")] // three items
    [InlineData("d18543a10105a0404040")] // five items
    [InlineData("d1a0")] // a map
    [InlineData("d14401020304")] // a byte string
    [InlineData("d1d18443a10105a0404040")] // tag 17 twice
    [InlineData("")] // nothing
    [InlineData("d1")] // only the tag
    public void StructureThatIsNotCoseMac0IsRejected(string hex)
    {
        byte[] message = Convert.FromHexString(hex);
        Assert.Throws<ProtocolException>(() => Parse(message));
    }

    [Fact]
    public void HeaderAndTagTypesAreChecked()
    {
        byte[] payload = [0xa0];
        byte[] mac = IndependentCose.Mac(Key, IndependentCose.ProtectedAlg5, payload);
        byte[] kidMap = [0xa1, 0x04, 0x48, .. KeyId];

        byte[][] malformed =
        [
            // Unprotected header as an array.
            IndependentCose.Build(Key, KeyId, payload, unprotected: w => { w.WriteStartArray(0); w.WriteEndArray(); }),

            // Key id as text.
            IndependentCose.Build(Key, KeyId, payload, unprotected: w => { w.WriteStartMap(1); w.WriteInt32(4); w.WriteTextString("kid"); w.WriteEndMap(); }),

            // A text label.
            IndependentCose.Build(Key, KeyId, payload, unprotected: w => { w.WriteStartMap(1); w.WriteTextString("kid"); w.WriteByteString(KeyId); w.WriteEndMap(); }),

            // Protected header as a text string "abc".
            [0xd1, 0x84, 0x63, 0x61, 0x62, 0x63, .. kidMap, 0x41, 0xa0, 0x58, 0x20, .. mac],

            // Payload as a text string "x".
            [0xd1, 0x84, 0x43, 0xa1, 0x01, 0x05, .. kidMap, 0x61, 0x78, 0x58, 0x20, .. mac],

            // Tag as an array.
            [0xd1, 0x84, 0x43, 0xa1, 0x01, 0x05, .. kidMap, 0x41, 0xa0, 0x80],
        ];
        foreach (byte[] message in malformed)
        {
            Assert.Equal(ProtocolError.CoseMalformed, ErrorOf(() => Parse(message)));
        }
    }

    [Fact]
    public void TrailingBytesAfterTheMessageAreRejected()
    {
        byte[] signed = Sign([0xa0]);
        byte[] longer = [.. signed, 0x00];
        Assert.Equal(ProtocolError.CborTrailingBytes, ErrorOf(() => Parse(longer)));
        Assert.Throws<ProtocolException>(() => Parse(signed[..^1]));
    }

    [Fact]
    public void UnprotectedHeaderMayCarryOtherLabels()
    {
        // {4: kid, -70000: "note"} — unknown labels are skipped.
        byte[] message = IndependentCose.Build(Key, KeyId, [0xa0], unprotected: w =>
        {
            w.WriteStartMap(2);
            w.WriteInt32(4);
            w.WriteByteString(KeyId);
            w.WriteInt32(-70000);
            w.WriteTextString("note");
            w.WriteEndMap();
        });
        CoseMac0Message parsed = Parse(message);
        Assert.True(parsed.KeyIdEquals(KeyId));
        Assert.True(parsed.Verify(new HmacSha256(Key)));
    }

    [Fact]
    public void SignerRequiresAKeyAndAKeyId()
    {
        Assert.Throws<ProtocolException>(() => new CoseMac0Signer(null!, KeyId));
        Assert.Throws<ProtocolException>(() => new CoseMac0Signer([], KeyId));
        Assert.Throws<ProtocolException>(() => new CoseMac0Signer(Key, null!));
    }

    [Fact]
    public void SignerReportsAnOutputBufferThatIsTooSmall()
    {
        var signer = new CoseMac0Signer(Key, KeyId);
        var payload = new byte[100];
        Assert.Equal(
            ProtocolError.CborBufferTooSmall,
            ErrorOf(() => signer.Sign(payload, 0, payload.Length, new byte[120], 0)));
    }

    private static byte[] Sign(byte[] payload) => new CoseMac0Signer(Key, KeyId).Sign(payload);

    private static CoseMac0Message Parse(byte[] message)
    {
        var parsed = new CoseMac0Message();
        parsed.Parse(message, 0, message.Length);
        return parsed;
    }

    private static ProtocolError ErrorOf(Action action) => Assert.Throws<ProtocolException>(action).Error;

    private static ProtocolError ErrorOf(Func<object> action) => Assert.Throws<ProtocolException>(action).Error;

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
