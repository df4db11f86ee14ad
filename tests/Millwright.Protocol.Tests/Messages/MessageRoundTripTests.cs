using Millwright.Protocol.Cbor;
using Millwright.Protocol.Messages;

namespace Millwright.Protocol.Tests.Messages;

/// <summary>Every message type through SignedMessageWriter → MessageVerifier → its codec, and against the schema.</summary>
public class MessageRoundTripTests
{
    [Fact]
    public void FrameWithSixSamples()
    {
        Frame sent = TestDevice.Frame();
        Frame received = (Frame)VerifyAndDecode(MessageType.Frame);

        Assert.Equal(sent.DeviceId, received.DeviceId);
        Assert.Equal(sent.BootCounter, received.BootCounter);
        Assert.Equal(sent.Sequence, received.Sequence);
        Assert.Equal(sent.TimeMicros, received.TimeMicros);
        Assert.Equal(sent.TimeQuality, received.TimeQuality);
        Assert.Equal(6, received.SampleCount);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(sent.ChannelIds[i], received.ChannelIds[i]);
            Assert.Equal(sent.OffsetsMicros[i], received.OffsetsMicros[i]);
            Assert.Equal(sent.Values[i], received.Values[i]);
        }
    }

    [Fact]
    public void GapRecord()
    {
        GapRecord sent = TestDevice.Gap();
        var received = (GapRecord)VerifyAndDecode(MessageType.Gap);
        Assert.Equivalent(sent, received, strict: true);
    }

    [Fact]
    public void Ack()
    {
        var received = (Ack)VerifyAndDecode(MessageType.Ack);
        Assert.Equivalent(TestDevice.Ack(), received, strict: true);
    }

    [Fact]
    public void Command()
    {
        var received = (Command)VerifyAndDecode(MessageType.Command);
        Assert.Equivalent(TestDevice.Command(), received, strict: true);
    }

    [Fact]
    public void CommandResult()
    {
        var received = (CommandResult)VerifyAndDecode(MessageType.CommandResult);
        Assert.Equivalent(TestDevice.CommandResult(), received, strict: true);
    }

    [Fact]
    public void Status()
    {
        var received = (StatusMessage)VerifyAndDecode(MessageType.Status);
        Assert.Equivalent(TestDevice.Status(), received, strict: true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ControllerState(bool online)
    {
        var writer = new CborWriter(new byte[64]);
        ControllerStateCodec.Encode(online, TestDevice.BaseTimeMicros, writer);
        Assert.True(writer.IsComplete);
        byte[] payload = writer.Buffer[..writer.Length];

        Assert.Equal(online, ControllerStateCodec.DecodeOnline(payload, 0, payload.Length));
        Assert.Equal(
            PayloadBuilder.For(MessageType.ControllerState).Bool(19, online).Encode(),
            payload);
    }

    [Theory]
    [MemberData(nameof(SignedTypes))]
    public void PayloadIsExactlyTheSchemaEncodedIndependently(MessageType type)
    {
        byte[] signed = TestDevice.Signed(type);
        var verifier = new MessageVerifier(TestDevice.KeyFor(type), TestDevice.Keys.KeyId);
        Assert.Equal(type, verifier.Verify(signed, 0, signed.Length));

        byte[] payload = signed.AsSpan(verifier.Message.PayloadOffset, verifier.Message.PayloadLength).ToArray();
        Assert.Equal(Convert.ToHexStringLower(PayloadBuilder.For(type).Encode()), Convert.ToHexStringLower(payload));
    }

    [Theory]
    [MemberData(nameof(SignedTypes))]
    public void DecodesFromAnOffsetInsideALargerBuffer(MessageType type)
    {
        byte[] signed = TestDevice.Signed(type);
        var buffer = new byte[signed.Length + 50];
        signed.CopyTo(buffer, 17);
        var verifier = new MessageVerifier(TestDevice.KeyFor(type), TestDevice.Keys.KeyId);

        Assert.Equal(type, verifier.Verify(buffer, 17, signed.Length));
        object decoded = TestDevice.Decode(type, buffer, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
        Assert.Equivalent(TestDevice.Decode(type, PayloadBuilder.For(type).Encode()), decoded, strict: true);
    }

    [Fact]
    public void FrameExtremesSurviveTheRoundTrip()
    {
        var frame = new Frame
        {
            DeviceId = new string('z', 32),
            BootCounter = uint.MaxValue,
            Sequence = long.MaxValue,
            TimeMicros = long.MaxValue,
            TimeQuality = TimeQuality.Controller,
        };
        float[] values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, float.MaxValue, float.MinValue, 65504f, 1e-8f];
        for (int i = 0; i < ProtocolLimits.MaxSamplesPerFrame; i++)
        {
            frame.AddSample(i % 2 == 0 ? 0 : 65535, i % 2 == 0 ? int.MinValue : int.MaxValue, values[i % values.Length]);
        }

        var output = new byte[ProtocolLimits.MaxMessageBytes];
        int length = TestDevice.DeviceWriter().WriteFrame(frame, output, 0);
        var verifier = TestDevice.ControllerSideVerifier();
        Assert.Equal(MessageType.Frame, verifier.Verify(output, 0, length));
        Frame received = FrameCodec.Decode(output, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);

        Assert.Equal(frame.Sequence, received.Sequence);
        Assert.Equal(frame.TimeMicros, received.TimeMicros);
        Assert.Equal(frame.BootCounter, received.BootCounter);
        Assert.Equal(ProtocolLimits.MaxSamplesPerFrame, received.SampleCount);
        for (int i = 0; i < received.SampleCount; i++)
        {
            Assert.Equal(frame.ChannelIds[i], received.ChannelIds[i]);
            Assert.Equal(frame.OffsetsMicros[i], received.OffsetsMicros[i]);
            if (float.IsNaN(frame.Values[i]))
            {
                Assert.True(float.IsNaN(received.Values[i]));
            }
            else
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(frame.Values[i]), BitConverter.SingleToInt32Bits(received.Values[i]));
            }
        }
    }

    [Fact]
    public void FrameWithoutSamplesIsValid()
    {
        Frame frame = TestDevice.Frame();
        frame.ClearSamples();
        var output = new byte[256];
        int length = TestDevice.DeviceWriter().WriteFrame(frame, output, 0);
        var verifier = TestDevice.ControllerSideVerifier();
        verifier.Verify(output, 0, length);
        Assert.Equal(0, FrameCodec.Decode(output, verifier.Message.PayloadOffset, verifier.Message.PayloadLength).SampleCount);
    }

    [Fact]
    public void OneFrameInstanceIsReusedForDecoding()
    {
        // The device-side pattern: one Frame, one reader, many messages.
        byte[] payload = PayloadBuilder.For(MessageType.Frame).Encode();
        var frame = new Frame();
        var reader = new CborReader(payload);
        for (int i = 0; i < 3; i++)
        {
            reader.Reset(payload, 0, payload.Length);
            FrameCodec.DecodeInto(reader, frame);
            reader.Finish();
            Assert.Equal(6, frame.SampleCount);
        }
    }

    [Fact]
    public void SampleCapacityIsEnforcedWhenBuildingAFrame()
    {
        var frame = new Frame(2);
        frame.AddSample(1, 0, 1f);
        frame.AddSample(2, 0, 2f);
        Assert.Equal(ProtocolError.MessageTooLarge, Assert.Throws<ProtocolException>(() => frame.AddSample(3, 0, 3f)).Error);
    }

    public static TheoryData<MessageType> SignedTypes() => new(TestDevice.SignedTypes);

    private static object VerifyAndDecode(MessageType type)
    {
        byte[] signed = TestDevice.Signed(type);
        MessageVerifier verifier = TestDevice.IsFromDevice(type) ? TestDevice.ControllerSideVerifier() : TestDevice.DeviceSideVerifier();
        Assert.Equal(type, verifier.Verify(signed, 0, signed.Length));
        return TestDevice.Decode(type, signed, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
    }
}
