using Millwright.Firmware.Framing;
using Millwright.Firmware.Outbox;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Framing;

/// <summary>A device secret, its keys, and the typical frame the docs size the outbox with.</summary>
internal static class FramingTestData
{
    public static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    public static readonly DeviceKeys Keys = new(Secret);

    /// <summary>2026-01-01T00:00:00Z in µs since the Unix epoch.</summary>
    public const long January2026Micros = 1_767_225_600_000_000;

    public static FramePipeline Start(MemoryRecordStore store, OutboxOptions? options = null, int blockSize = SequenceAllocator.DefaultBlockSize) =>
        FramePipeline.Start(store, options ?? new OutboxOptions(), blockSize, Keys.DeviceMessageKey, Keys.KeyId);

    /// <summary>
    /// A typical tick of a 6-channel node: a 13-character device id, one reading per channel taken one after the other
    /// (offsets up to 4 ms), values that need single precision (as real readings do).
    /// </summary>
    public static Frame TypicalFrame(long timeMicros = January2026Micros)
    {
        var frame = new Frame(6) { DeviceId = "line2-press07", TimeMicros = timeMicros, TimeQuality = TimeQuality.Sntp };
        float[] values = [21.37f, 0.4821f, 1013.27f, 3.3f, 58.125f, -4.07f];
        for (int channel = 0; channel < values.Length; channel++)
        {
            frame.AddSample(channel + 1, channel * 800, values[channel]);
        }

        return frame;
    }

    /// <summary>Every message in the outbox, verified with the device key.</summary>
    public static List<(ulong Sequence, MessageType Type, byte[] Payload)> VerifiedMessages(OutboxLog outbox)
    {
        var verifier = new MessageVerifier(Keys.DeviceMessageKey, Keys.KeyId);
        var messages = new List<(ulong, MessageType, byte[])>();
        var buffer = new byte[ProtocolLimits.MaxMessageBytes];
        ulong after = 0;
        while (true)
        {
            int length = outbox.ReadAfter(after, buffer, 0, out ulong sequence);
            if (length == 0)
            {
                return messages;
            }

            MessageType type = verifier.Verify(buffer, 0, length);
            messages.Add((sequence, type, buffer.AsSpan(verifier.Message.PayloadOffset, verifier.Message.PayloadLength).ToArray()));
            after = sequence;
        }
    }
}
