using Millwright.Firmware.Outbox;
using Millwright.Firmware.Tests.Fakes;
using static Millwright.Firmware.Tests.Outbox.OutboxTestData;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>
/// Plays the frame pipeline (numbers that only rise, a gap record for every loss) and an exact controller (receives what
/// replay yields, acks only what it holds) around an <see cref="OutboxLog"/>, and checks the outbox's promises.
/// </summary>
internal sealed class OutboxDriver
{
    private readonly OutboxOptions _options;
    private readonly OutboxLoss _loss = new();

    public OutboxDriver(OutboxOptions options, MemoryRecordStore? store = null)
    {
        _options = options;
        Store = store ?? new MemoryRecordStore();
        Log = new OutboxLog(Store, options);
    }

    public MemoryRecordStore Store { get; }

    public OutboxLog Log { get; private set; }

    public ulong NextSequence { get; private set; } = 1;

    /// <summary>Numbers whose Append returned: durable.</summary>
    public SortedSet<ulong> Stored { get; } = [];

    /// <summary>Gap records written (or attempted), by their own number: the range they state.</summary>
    public Dictionary<ulong, (ulong First, ulong Last)> Gaps { get; } = [];

    /// <summary>What the controller has received.</summary>
    public SortedSet<ulong> Received { get; } = [];

    public ulong Acked { get; private set; }

    /// <summary>Appends one frame with the next number (which is spent even if a power cut interrupts), then its gaps.</summary>
    public ulong AppendFrame(int skip = 0)
    {
        NextSequence += (ulong)skip;
        ulong sequence = NextSequence++;
        Append(Log, sequence);
        Stored.Add(sequence);
        WriteGaps();
        return sequence;
    }

    public void WriteGaps()
    {
        while (Log.PeekLoss(_loss))
        {
            Assert.True(_loss.FirstSequence <= _loss.LastSequence);
            ulong sequence = NextSequence++;
            Assert.True(_loss.LastSequence < sequence);
            Gaps[sequence] = (_loss.FirstSequence, _loss.LastSequence);
            byte[] message = GapMessage(sequence);
            Log.AppendLossRecord(sequence, message, 0, message.Length);
            Stored.Add(sequence);
        }
    }

    /// <summary>Power back (after a cut or a clean restart): recover, and number on above anything the outbox holds.</summary>
    public void Reboot()
    {
        Log = new OutboxLog(Store.Reboot(), _options);
        NextSequence = Math.Max(NextSequence, Log.LastSequence + 1);
    }

    /// <summary>Replay from the device's floor: checks order, content and depth; the controller receives all of it.</summary>
    public List<(ulong Sequence, byte[] Message)> ReceiveAll()
    {
        var records = Sweep(Log);
        Assert.Equal(records.Count, Log.Depth);
        foreach ((ulong sequence, byte[] message) in records)
        {
            byte[] expected = Gaps.ContainsKey(sequence) ? GapMessage(sequence) : Message(sequence, LengthFor(sequence));
            Assert.Equal(expected, message);
            Received.Add(sequence);
        }

        return records;
    }

    /// <summary>
    /// Acks a number below which the controller holds everything the device stored (itself or in a gap record): the
    /// highest such number, or with <paramref name="random"/> sometimes a lower one.
    /// </summary>
    public void AckContiguous(Random? random = null)
    {
        var candidates = new List<ulong>();
        foreach (ulong sequence in Stored)
        {
            if (!Received.Contains(sequence) && !CoveredByReceivedGap(sequence))
            {
                break;
            }

            candidates.Add(sequence);
        }

        if (candidates.Count > 0)
        {
            ulong ack = random == null || random.Next(3) == 0 ? candidates[^1] : candidates[random.Next(candidates.Count)];
            Acked = Math.Max(Acked, ack);
            Log.Acknowledge(ack);
        }
    }

    /// <summary>Every durable record reached the controller, itself or as part of a gap record it received.</summary>
    public void AssertNothingLostSilently()
    {
        ReceiveAll();
        foreach (ulong sequence in Stored)
        {
            Assert.True(Received.Contains(sequence) || CoveredByReceivedGap(sequence), $"record {sequence} vanished without a gap record");
        }
    }

    public bool CoveredByReceivedGap(ulong sequence) =>
        Gaps.Any(gap => Received.Contains(gap.Key) && gap.Value.First <= sequence && sequence <= gap.Value.Last);

    public static byte[] GapMessage(ulong sequence) => Message(sequence ^ 0x5A5A5A5A5A5A5A5AUL, 24);
}
