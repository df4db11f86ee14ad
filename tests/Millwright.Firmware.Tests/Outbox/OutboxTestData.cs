using Millwright.Firmware.Outbox;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>Deterministic messages and a reader that sweeps the whole outbox, for the outbox tests.</summary>
internal static class OutboxTestData
{
    /// <summary>Smallest legal segments (two of the largest records), so a few dozen records span several segments.</summary>
    public static OutboxOptions SmallOptions(int maxSegments = 4, int ackPersistInterval = 8) => new()
    {
        SegmentBytes = 2 * OutboxRecordFormat.MaxRecordBytes,
        MaxSegments = maxSegments,
        AckPersistInterval = ackPersistInterval,
    };

    /// <summary>A message whose every byte depends on its sequence number and length (so a mix-up cannot pass).</summary>
    public static byte[] Message(ulong sequence, int length)
    {
        var bytes = new byte[length];
        ulong state = (sequence * 0x9E3779B97F4A7C15UL) ^ (ulong)length;
        for (int i = 0; i < length; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes[i] = (byte)state;
        }

        return bytes;
    }

    public static int LengthFor(ulong sequence) => 40 + (int)(sequence * 37 % 500);

    public static void Append(OutboxLog log, ulong sequence)
    {
        byte[] message = Message(sequence, LengthFor(sequence));
        log.Append(sequence, message, 0, message.Length);
    }

    /// <summary>Every record ReadAfter yields from <paramref name="after"/> on, in order.</summary>
    public static List<(ulong Sequence, byte[] Message)> Sweep(OutboxLog log, ulong after = 0)
    {
        var records = new List<(ulong, byte[])>();
        var buffer = new byte[OutboxRecordFormat.MaxPayloadBytes];
        while (true)
        {
            int length = log.ReadAfter(after, buffer, 0, out ulong sequence);
            if (length == 0)
            {
                Assert.Equal(0UL, sequence);
                return records;
            }

            Assert.True(sequence > after, $"ReadAfter({after}) returned {sequence}");
            records.Add((sequence, buffer.AsSpan(0, length).ToArray()));
            after = sequence;
        }
    }

    public static ulong[] Sequences(OutboxLog log, ulong after = 0) => Sweep(log, after).Select(r => r.Sequence).ToArray();

    /// <summary>Asserts each swept record is exactly the message appended under its number.</summary>
    public static void AssertIntact(IEnumerable<(ulong Sequence, byte[] Message)> records)
    {
        foreach ((ulong sequence, byte[] message) in records)
        {
            Assert.Equal(Message(sequence, LengthFor(sequence)), message);
        }
    }
}
