using Millwright.Protocol.Messages;

namespace Millwright.Protocol.Tests.Messages;

/// <summary>The device's steady-state paths allocate nothing (NANO.md rule 5), measured over many calls.</summary>
public class SignedMessageAllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void EncodingAndSigningASixChannelFrameAllocatesNothing()
    {
        SignedMessageWriter writer = TestDevice.DeviceWriter();
        Frame frame = TestDevice.Frame();
        var output = new byte[ProtocolLimits.MaxMessageBytes];
        int expectedLength = writer.WriteFrame(frame, output, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            // What the sampler does each tick: new readings, new sequence number, same Frame instance.
            frame.Sequence = (ulong)(i + 1000);
            frame.TimeMicros += 100_000;
            frame.ClearSamples();
            for (int channel = 1; channel <= 6; channel++)
            {
                frame.AddSample(channel, channel * 100, (i * 0.37f) + channel);
            }

            writer.WriteFrame(frame, output, 0);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.InRange(expectedLength, 100, 200);
    }

    [Fact]
    public void SigningGapRecordsAndCommandResultsAllocatesNothing()
    {
        SignedMessageWriter writer = TestDevice.DeviceWriter();
        GapRecord gap = TestDevice.Gap();
        CommandResult result = TestDevice.CommandResult();
        var output = new byte[ProtocolLimits.MaxMessageBytes];
        writer.WriteGap(gap, output, 0);
        writer.WriteCommandResult(result, output, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            gap.Sequence = (ulong)(i + 100);
            writer.WriteGap(gap, output, 0);
            result.CommandId = (ulong)(i + 1);
            writer.WriteCommandResult(result, output, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void VerifyingSignedMessagesAllocatesNothing()
    {
        // The device verifies every ack and command before decoding; the controller verifies every frame.
        byte[] ack = TestDevice.Signed(MessageType.Ack);
        byte[] frame = TestDevice.Signed(MessageType.Frame);
        MessageVerifier deviceSide = TestDevice.DeviceSideVerifier();
        MessageVerifier controllerSide = TestDevice.ControllerSideVerifier();
        deviceSide.Verify(ack, 0, ack.Length);
        controllerSide.Verify(frame, 0, frame.Length);

        int acks = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            if (deviceSide.Verify(ack, 0, ack.Length) == MessageType.Ack)
            {
                acks++;
            }

            controllerSide.Verify(frame, 0, frame.Length);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(Iterations, acks);
    }
}
