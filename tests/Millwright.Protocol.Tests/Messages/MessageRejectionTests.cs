using Millwright.Protocol.Messages;
using SysCbor = System.Formats.Cbor;

namespace Millwright.Protocol.Tests.Messages;

/// <summary>What each decoder refuses, and with which <see cref="ProtocolError"/>. Payloads are built independently.</summary>
public class MessageRejectionTests
{
    public static TheoryData<MessageType, int> RequiredFields()
    {
        var data = new TheoryData<MessageType, int>();
        foreach (MessageType type in TestDevice.AllTypes)
        {
            data.Add(type, 1);
            foreach (int key in PayloadBuilder.RequiredKeys(type))
            {
                data.Add(type, key);
            }
        }

        return data;
    }

    public static TheoryData<MessageType> AllTypes() => new(TestDevice.AllTypes);

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void TheIndependentlyBuiltPayloadIsAccepted(MessageType type)
    {
        TestDevice.Decode(type, PayloadBuilder.For(type).Encode());
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void MissingRequiredFieldIsRejected(MessageType type, int key)
    {
        byte[] payload = PayloadBuilder.For(type).Remove(key).Encode();
        Assert.Equal(ProtocolError.MessageMissingField, ErrorOf(type, payload));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void PayloadOfAnotherTypeIsTheWrongType(MessageType type)
    {
        foreach (MessageType other in TestDevice.AllTypes.Where(t => t != type))
        {
            byte[] payload = PayloadBuilder.For(other).Encode();
            Assert.Equal(ProtocolError.MessageWrongType, ErrorOf(type, payload));
        }
    }

    [Fact]
    public void FramePayloadDecodedAsCommandIsTheWrongType()
    {
        byte[] signed = TestDevice.Signed(MessageType.Frame);
        var verifier = TestDevice.ControllerSideVerifier();
        verifier.Verify(signed, 0, signed.Length);
        Assert.Equal(
            ProtocolError.MessageWrongType,
            Assert.Throws<ProtocolException>(() => CommandCodec.Decode(signed, verifier.Message.PayloadOffset, verifier.Message.PayloadLength)).Error);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void UnknownOrInvalidTypeValueIsRejected(MessageType type)
    {
        Assert.Equal(ProtocolError.MessageWrongType, ErrorOf(type, PayloadBuilder.For(type).UInt(1, 0).Encode()));
        Assert.Equal(ProtocolError.MessageWrongType, ErrorOf(type, PayloadBuilder.For(type).UInt(1, 99).Encode()));
        Assert.Equal(ProtocolError.MessageWrongType, ErrorOf(type, PayloadBuilder.For(type).UInt(1, ulong.MaxValue).Encode()));
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(type, PayloadBuilder.For(type).Int(1, -1).Encode()));
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(type, PayloadBuilder.For(type).Text(1, "frame").Encode()));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void PayloadThatIsNotAMapIsTheWrongType(MessageType type)
    {
        Assert.Equal(ProtocolError.MessageWrongType, ErrorOf(type, [0x80]));
        Assert.Equal(ProtocolError.MessageWrongType, ErrorOf(type, [0x01]));
        Assert.Equal(ProtocolError.MessageMissingField, ErrorOf(type, [0xa0]));
        Assert.Equal(ProtocolError.CborTruncated, ErrorOf(type, []));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void TypeMustBeTheFirstKey(MessageType type)
    {
        // Key 0 sorts before the type.
        Assert.Equal(ProtocolError.MessageMissingField, ErrorOf(type, PayloadBuilder.For(type).UInt(0, 1).Encode()));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void UnknownKeysAreSkipped(MessageType type)
    {
        object expected = TestDevice.Decode(type, PayloadBuilder.For(type).Encode());
        byte[] payload = PayloadBuilder.For(type)
            .Text(30, "added by a newer sender")
            .Set(31, w => { w.WriteStartArray(2); w.WriteStartMap(1); w.WriteInt32(1); w.WriteByteString([1, 2]); w.WriteEndMap(); w.WriteNull(); w.WriteEndArray(); })
            .UInt(63, ulong.MaxValue)
            .Float(64, 1.5f)
            .Int(100_000, -5)
            .Bool(-1, true)
            .Int(-1000, long.MinValue)
            .Set(32, w => { w.WriteTag(SysCbor.CborTag.UnixTimeSeconds); w.WriteInt64(1_767_225_600); })
            .Set(33, w => { w.WriteTag((SysCbor.CborTag)55799); w.WriteTag((SysCbor.CborTag)1); w.WriteStartArray(1); w.WriteInt32(1); w.WriteEndArray(); })
            .Encode();

        Assert.Equivalent(expected, TestDevice.Decode(type, payload), strict: true);
    }

    [Fact]
    public void TheTypeAloneDoesNotMakeAMessage()
    {
        foreach (MessageType type in TestDevice.AllTypes)
        {
            Assert.Equal(ProtocolError.MessageMissingField, ErrorOf(type, new PayloadBuilder().UInt(1, (ulong)type).Encode()));
        }
    }

    public static TheoryData<MessageType, int, string, ProtocolError> BadFields() => new()
    {
        // Sequence numbers: 1 .. 2^63-1.
        { MessageType.Frame, 4, "u:0", ProtocolError.MessageInvalidField },
        { MessageType.Frame, 4, "u:9223372036854775808", ProtocolError.MessageInvalidField },
        { MessageType.Frame, 4, "u:18446744073709551615", ProtocolError.MessageInvalidField },
        { MessageType.Frame, 4, "i:-1", ProtocolError.MessageInvalidField },
        { MessageType.Gap, 4, "u:0", ProtocolError.MessageInvalidField },
        { MessageType.Gap, 4, "u:9223372036854775808", ProtocolError.MessageInvalidField },
        { MessageType.Command, 12, "u:0", ProtocolError.MessageInvalidField },
        { MessageType.Command, 12, "u:9223372036854775808", ProtocolError.MessageInvalidField },
        { MessageType.CommandResult, 12, "u:0", ProtocolError.MessageInvalidField },
        { MessageType.Ack, 11, "u:9223372036854775808", ProtocolError.MessageInvalidField },
        { MessageType.Ack, 11, "i:-1", ProtocolError.MessageInvalidField },

        // Boot counter: 32 bits.
        { MessageType.Frame, 3, "u:4294967296", ProtocolError.MessageInvalidField },
        { MessageType.Status, 3, "u:4294967296", ProtocolError.MessageInvalidField },

        // Time: µs since the epoch, 0 .. 2^63-1.
        { MessageType.Frame, 5, "i:-1", ProtocolError.MessageInvalidField },
        { MessageType.Frame, 5, "u:9223372036854775808", ProtocolError.MessageInvalidField },
        { MessageType.Ack, 5, "i:-1", ProtocolError.MessageInvalidField },
        { MessageType.Command, 13, "i:-1", ProtocolError.MessageInvalidField },
        { MessageType.ControllerState, 5, "i:-1", ProtocolError.MessageInvalidField },
        { MessageType.Frame, 5, "f:1.5", ProtocolError.MessageInvalidField },

        // Time quality 0..2.
        { MessageType.Frame, 6, "u:3", ProtocolError.MessageInvalidField },
        { MessageType.Gap, 6, "u:3", ProtocolError.MessageInvalidField },
        { MessageType.Status, 6, "i:-1", ProtocolError.MessageInvalidField },

        // Device ids.
        { MessageType.Frame, 2, "t:Press-01", ProtocolError.InvalidIdentifier },
        { MessageType.Frame, 2, "t:", ProtocolError.InvalidIdentifier },
        { MessageType.Frame, 2, "t:-press", ProtocolError.InvalidIdentifier },
        { MessageType.Frame, 2, "t:press/01", ProtocolError.InvalidIdentifier },
        { MessageType.Frame, 2, "t:press+", ProtocolError.InvalidIdentifier },
        { MessageType.Frame, 2, "t:" + new string('a', 33), ProtocolError.InvalidIdentifier },
        { MessageType.Frame, 2, "t:" + new string('a', 129), ProtocolError.MessageTooLarge },
        { MessageType.Ack, 2, "t:$controller", ProtocolError.InvalidIdentifier },
        { MessageType.Command, 2, "t:préss", ProtocolError.InvalidIdentifier },
        { MessageType.Gap, 2, "b:7072657373", ProtocolError.MessageInvalidField },
        { MessageType.Status, 2, "u:1", ProtocolError.MessageInvalidField },

        // Gap range: first <= last < own sequence; reason 1..255.
        { MessageType.Gap, 8, "u:42", ProtocolError.MessageInvalidField },
        { MessageType.Gap, 9, "u:43", ProtocolError.MessageInvalidField },
        { MessageType.Gap, 8, "u:0", ProtocolError.MessageInvalidField },
        { MessageType.Gap, 10, "u:0", ProtocolError.MessageInvalidField },
        { MessageType.Gap, 10, "u:256", ProtocolError.MessageInvalidField },

        // Commands: actuator 0..65535, action 1..4, finite float value.
        { MessageType.Command, 14, "u:65536", ProtocolError.MessageInvalidField },
        { MessageType.Command, 14, "i:-1", ProtocolError.MessageInvalidField },
        { MessageType.Command, 15, "u:0", ProtocolError.MessageInvalidField },
        { MessageType.Command, 15, "u:5", ProtocolError.MessageInvalidField },
        { MessageType.Command, 16, "u:1", ProtocolError.MessageInvalidField },
        { MessageType.Command, 16, "f:NaN", ProtocolError.MessageInvalidField },
        { MessageType.Command, 16, "f:Infinity", ProtocolError.MessageInvalidField },
        { MessageType.Command, 16, "f:-Infinity", ProtocolError.MessageInvalidField },

        // Results: outcome 0..5, detail at most 128 UTF-8 bytes.
        { MessageType.CommandResult, 17, "u:6", ProtocolError.MessageInvalidField },
        { MessageType.CommandResult, 18, "t:" + new string('x', 129), ProtocolError.MessageTooLarge },
        { MessageType.CommandResult, 18, "t:" + string.Concat(Enumerable.Repeat("é", 65)), ProtocolError.MessageTooLarge },
        { MessageType.CommandResult, 18, "u:0", ProtocolError.MessageInvalidField },
        { MessageType.CommandResult, 14, "u:70000", ProtocolError.MessageInvalidField },

        // Status: rssi -200..200, texts, booleans.
        { MessageType.Status, 25, "i:-201", ProtocolError.MessageInvalidField },
        { MessageType.Status, 19, "u:1", ProtocolError.MessageInvalidField },
        { MessageType.Status, 20, "t:" + new string('v', 129), ProtocolError.MessageTooLarge },
        { MessageType.Status, 28, "b:00", ProtocolError.MessageInvalidField },
        { MessageType.Status, 22, "u:1", ProtocolError.MessageInvalidField },
        { MessageType.Status, 29, "t:x", ProtocolError.MessageInvalidField },
        { MessageType.ControllerState, 19, "u:1", ProtocolError.MessageInvalidField },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void OutOfRangeOrMistypedFieldIsRejected(MessageType type, int key, string value, ProtocolError expected)
    {
        byte[] payload = PayloadBuilder.For(type).Set(key, w => WriteValue(w, value)).Encode();
        Assert.Equal(expected, ErrorOf(type, payload));
    }

    public static TheoryData<MessageType, int, string> EdgeValuesThatAreAccepted() => new()
    {
        { MessageType.Frame, 4, "u:9223372036854775807" },
        { MessageType.Frame, 4, "u:1" },
        { MessageType.Frame, 5, "u:0" },
        { MessageType.Frame, 3, "u:4294967295" },
        { MessageType.Frame, 6, "u:2" },
        { MessageType.Frame, 2, "t:" + new string('a', 32) },
        { MessageType.Frame, 2, "t:0_a-" },
        { MessageType.Ack, 11, "u:0" },
        { MessageType.Gap, 9, "u:42" },
        { MessageType.Gap, 8, "u:41" },
        { MessageType.Gap, 10, "u:255" },
        { MessageType.Command, 14, "u:65535" },
        { MessageType.Command, 16, "f:-0" },
        { MessageType.CommandResult, 18, "t:" + new string('x', 128) },
        { MessageType.CommandResult, 18, "t:" + string.Concat(Enumerable.Repeat("é", 64)) },
        { MessageType.Status, 25, "i:-200" },
        { MessageType.Status, 22, "a:" },
    };

    [Theory]
    [MemberData(nameof(EdgeValuesThatAreAccepted))]
    public void EdgeValueIsAccepted(MessageType type, int key, string value)
    {
        TestDevice.Decode(type, PayloadBuilder.For(type).Set(key, w => WriteValue(w, value)).Encode());
    }

    [Fact]
    public void SampleChannelOutsideSixteenBitsIsRejected()
    {
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(MessageType.Frame, FrameWithSamples(w => Sample(w, 70000, 0, 1f))));
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(MessageType.Frame, FrameWithSamples(w => Sample(w, -1, 0, 1f))));
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(MessageType.Frame, FrameWithSamples(w => Sample(w, 1, 1L << 31, 1f))));
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(MessageType.Frame, FrameWithSamples(w => Sample(w, 1, 0, null))));
    }

    [Fact]
    public void SampleMustBeATripleInAnArray()
    {
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(MessageType.Frame, FrameWithSamples(w =>
        {
            w.WriteStartArray(2);
            w.WriteInt32(1);
            w.WriteInt32(0);
            w.WriteEndArray();
        })));
        Assert.Equal(ProtocolError.MessageTooLarge, ErrorOf(MessageType.Frame, FrameWithSamples(w =>
        {
            w.WriteStartArray(4);
            w.WriteInt32(1);
            w.WriteInt32(0);
            w.WriteHalf((Half)1);
            w.WriteInt32(0);
            w.WriteEndArray();
        })));
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(MessageType.Frame, FrameWithSamples(w => w.WriteInt32(1))));
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(MessageType.Frame, PayloadBuilder.For(MessageType.Frame).UInt(7, 1).Encode()));
    }

    [Fact]
    public void TooManySamplesAreRejected()
    {
        var writeSample = new Action<SysCbor.CborWriter>(w => Sample(w, 1, 0, 1f));
        byte[] atLimit = PayloadBuilder.For(MessageType.Frame).Set(7, w => Samples(w, ProtocolLimits.MaxSamplesPerFrame, writeSample)).Encode();
        Assert.Equal(ProtocolLimits.MaxSamplesPerFrame, FrameCodec.Decode(atLimit, 0, atLimit.Length).SampleCount);

        byte[] overLimit = PayloadBuilder.For(MessageType.Frame).Set(7, w => Samples(w, ProtocolLimits.MaxSamplesPerFrame + 1, writeSample)).Encode();
        Assert.Equal(ProtocolError.MessageTooLarge, ErrorOf(MessageType.Frame, overLimit));
    }

    [Fact]
    public void TooManyStatusListItemsAreRejected()
    {
        byte[] channels = PayloadBuilder.For(MessageType.Status).Set(22, w => Samples(w, ProtocolLimits.MaxListItems + 1, x => x.WriteInt32(1))).Encode();
        Assert.Equal(ProtocolError.MessageTooLarge, ErrorOf(MessageType.Status, channels));
        byte[] failed = PayloadBuilder.For(MessageType.Status).Set(29, w => Samples(w, ProtocolLimits.MaxListItems + 1, x => x.WriteTextString("c"))).Encode();
        Assert.Equal(ProtocolError.MessageTooLarge, ErrorOf(MessageType.Status, failed));
        byte[] badChannel = PayloadBuilder.For(MessageType.Status).Set(22, w => Samples(w, 1, x => x.WriteInt32(70000))).Encode();
        Assert.Equal(ProtocolError.MessageInvalidField, ErrorOf(MessageType.Status, badChannel));
    }

    [Fact]
    public void SignedMessageLargerThanTheLimitIsRejectedBeforeParsing()
    {
        var verifier = TestDevice.ControllerSideVerifier();
        var huge = new byte[ProtocolLimits.MaxMessageBytes + 1];
        Assert.Equal(ProtocolError.MessageTooLarge, Assert.Throws<ProtocolException>(() => verifier.Verify(huge, 0, huge.Length)).Error);
    }

    [Fact]
    public void WriterRefusesToSignMoreThanTheLimit()
    {
        var status = TestDevice.Status();
        status.FailedComponents = Enumerable.Repeat(new string('c', 100), 30).ToArray();
        var output = new byte[4096];
        ProtocolException error = Assert.Throws<ProtocolException>(() => TestDevice.DeviceWriter().WriteStatus(status, output, 0));
        Assert.True(error.Error is ProtocolError.MessageTooLarge or ProtocolError.CborBufferTooSmall, error.Error.ToString());
    }

    [Fact]
    public void VerifierTypeCheckRejectsPayloadsWithoutAType()
    {
        var verifier = TestDevice.ControllerSideVerifier();
        foreach ((byte[] payload, ProtocolError expected) in new[]
        {
            (new byte[] { 0x80 }, ProtocolError.MessageWrongType),
            (new byte[] { 0xa0 }, ProtocolError.MessageMissingField),
            (PayloadBuilder.For(MessageType.Frame).UInt(1, 8).Encode(), ProtocolError.MessageWrongType),
            (PayloadBuilder.For(MessageType.Frame).UInt(1, 0).Encode(), ProtocolError.MessageWrongType),
            (PayloadBuilder.For(MessageType.Frame).Text(1, "x").Encode(), ProtocolError.MessageMissingField),
            (PayloadBuilder.For(MessageType.Frame).Remove(1).Encode(), ProtocolError.MessageMissingField),
        })
        {
            byte[] signed = TestDevice.SignPayload(payload, TestDevice.Keys.DeviceMessageKey);
            Assert.Equal(expected, Assert.Throws<ProtocolException>(() => verifier.Verify(signed, 0, signed.Length)).Error);
        }
    }

    internal static ProtocolError ErrorOf(MessageType type, byte[] payload) =>
        Assert.Throws<ProtocolException>(() => TestDevice.Decode(type, payload)).Error;

    private static byte[] FrameWithSamples(Action<SysCbor.CborWriter> writeOneSample) =>
        PayloadBuilder.For(MessageType.Frame).Set(7, w => Samples(w, 1, writeOneSample)).Encode();

    private static void Samples(SysCbor.CborWriter writer, int count, Action<SysCbor.CborWriter> writeOne)
    {
        writer.WriteStartArray(count);
        for (int i = 0; i < count; i++)
        {
            writeOne(writer);
        }

        writer.WriteEndArray();
    }

    private static void Sample(SysCbor.CborWriter writer, long channel, long offset, float? value)
    {
        writer.WriteStartArray(3);
        writer.WriteInt64(channel);
        writer.WriteInt64(offset);
        if (value.HasValue)
        {
            PayloadBuilder.WriteShortestFloat(writer, value.Value);
        }
        else
        {
            writer.WriteTextString("1.0");
        }

        writer.WriteEndArray();
    }

    // "u:n" unsigned, "i:n" signed, "t:text", "b:hex" bytes, "f:float", "a:" empty array.
    private static void WriteValue(SysCbor.CborWriter writer, string value)
    {
        string body = value[2..];
        switch (value[0])
        {
            case 'u': writer.WriteUInt64(ulong.Parse(body, System.Globalization.CultureInfo.InvariantCulture)); break;
            case 'i': writer.WriteInt64(long.Parse(body, System.Globalization.CultureInfo.InvariantCulture)); break;
            case 't': writer.WriteTextString(body); break;
            case 'b': writer.WriteByteString(Convert.FromHexString(body)); break;
            case 'f': PayloadBuilder.WriteShortestFloat(writer, float.Parse(body, System.Globalization.CultureInfo.InvariantCulture)); break;
            case 'a': writer.WriteStartArray(0); writer.WriteEndArray(); break;
            default: throw new ArgumentException(value, nameof(value));
        }
    }
}
