using Millwright.Firmware.Outbox;
using Millwright.Firmware.Tests.Fakes;
using static Millwright.Firmware.Tests.Outbox.OutboxTestData;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>
/// Random schedules of appends, replays, acks, clean reboots and power cuts (at a random byte of a write or before a
/// random write, replace or delete), checked after every replay against an exact model: records come back in order,
/// byte for byte, never twice in one replay, the depth is what replay yields, the outbox stays in bounds, and in the
/// end every durable record reached the controller itself or inside a gap record.
/// </summary>
public class OutboxPropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomAppendAckRebootAndCutSchedulesKeepEveryPromise(int seed)
    {
        var random = new Random(seed);
        var options = SmallOptions(maxSegments: 2 + (seed % 4), ackPersistInterval: 1 + random.Next(10));
        var driver = new OutboxDriver(options);
        int cuts = 0;
        for (int step = 0; step < 2500; step++)
        {
            int roll = random.Next(100);
            if (roll < 45)
            {
                driver.AppendFrame(skip: random.Next(8) == 0 ? random.Next(1, 5) : 0);
            }
            else if (roll < 57)
            {
                driver.ReceiveAll();
            }
            else if (roll < 72)
            {
                driver.AckContiguous(random);
            }
            else if (roll < 76)
            {
                driver.Reboot();
            }
            else
            {
                cuts += CutSomething(driver, random) ? 1 : 0;
            }

            if (driver.Log.SegmentCount > options.MaxSegments || driver.Store.List("outbox-").Length > options.MaxSegments)
            {
                string dump = string.Join("; ", driver.Store.List("outbox-").Select(n => n + ":" + string.Join(",", SequencesIn(driver.Store.ReadAll(n)))));
                Assert.Fail($"{driver.Log.SegmentCount} segments at step {step} roll {roll} acked {driver.Log.AckedSequence} {dump}");
            }
        }

        Assert.True(cuts > 100, $"only {cuts} cuts happened");
        driver.Reboot();
        driver.AppendFrame();
        driver.AssertNothingLostSilently();
    }

    // Sequence numbers in a segment file, for the failure message.
    private static IEnumerable<ulong> SequencesIn(byte[] segment)
    {
        for (int position = 0; position + OutboxRecordFormat.HeaderBytes <= segment.Length;
             position += OutboxRecordFormat.OverheadBytes + BitConverter.ToUInt16(segment, position + 2))
        {
            yield return BitConverter.ToUInt64(segment, position + 4);
        }
    }

    // Arms a cut and runs an append or an ack into it; returns whether power went.
    private static bool CutSomething(OutboxDriver driver, Random random)
    {
        if (random.Next(2) == 0)
        {
            driver.Store.CutAfterBytes(random.Next(0, 800));
        }
        else
        {
            driver.Store.CutAfterOperations(random.Next(0, 4));
        }

        try
        {
            if (random.Next(4) == 0)
            {
                driver.ReceiveAll();
                driver.AckContiguous(random);
            }
            else
            {
                driver.AppendFrame();
                driver.AppendFrame();
            }
        }
        catch (PowerCutException)
        {
            driver.Reboot();
            return true;
        }

        driver.Store.Reboot(); // disarm a cut that did not happen
        return false;
    }
}
