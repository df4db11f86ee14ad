using Millwright.Protocol.Cbor;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Protocol.Tests.Messages;

public class ReusedDecodeAllocationTests
{
    [Fact]
    public void VerifyAndDecodeIntoAReusedFrameAllocatesNothingOnceTheDeviceIdIsKnown()
    {
        var keys = new DeviceKeys(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var source = new Frame { DeviceId = "press-01", BootCounter = 2, Sequence = 7, TimeMicros = 1_767_225_600_000_000 };
        for (int channel = 1; channel <= 6; channel++)
        {
            source.AddSample(channel, -100 * channel, 20.5f + channel);
        }

        var signed = new byte[ProtocolLimits.MaxMessageBytes];
        int length = new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId).WriteFrame(source, signed, 0);
        var verifier = new MessageVerifier(keys.DeviceMessageKey, keys.KeyId);
        var reader = new CborReader(signed);
        var frame = new Frame(6);

        void DecodeOnce()
        {
            verifier.Verify(signed, 0, length);
            reader.Reset(signed, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
            FrameCodec.DecodeInto(reader, frame);
            reader.Finish();
        }

        DecodeOnce();
        string deviceId = frame.DeviceId;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5_000; i++)
        {
            DecodeOnce();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Same(deviceId, frame.DeviceId);
        Assert.Equal(6, frame.SampleCount);
        Assert.Equal(26.5f, frame.Values[5]);
    }

    [Fact]
    public void AChangedOrNonAsciiDeviceIdIsStillDecodedIntoANewString()
    {
        var buffer = new byte[64];
        var writer = new CborWriter(buffer);
        writer.WriteTextString("press-02");
        var reader = new CborReader(buffer, 0, writer.Length);
        Assert.Equal("press-02", reader.ReadTextString("press-01"));

        writer.Reset();
        writer.WriteTextString("prés");
        reader.Reset(buffer, 0, writer.Length);
        Assert.Equal("prés", reader.ReadTextString("pr\u00e9s".Normalize(System.Text.NormalizationForm.FormD)));
    }
}
