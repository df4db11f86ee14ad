using Millwright.Firmware.Framing;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Framing;

/// <summary>Sequence numbers never repeat, across reboots and power cuts, with one flash write per block.</summary>
public class SequenceAllocatorTests
{
    [Fact]
    public void AFreshDeviceCountsFromOneAndWritesOncePerBlock()
    {
        var store = new MemoryRecordStore();
        var sequences = new SequenceAllocator(store, 100, 0);
        Assert.Equal(0, store.Replaces);
        Assert.Equal(1UL, sequences.Next());
        Assert.Equal(101UL, sequences.ReservedEnd);
        Assert.Equal(1, store.Replaces);
        for (ulong expected = 2; expected <= 250; expected++)
        {
            Assert.Equal(expected, sequences.Next());
        }

        Assert.Equal(3, store.Replaces); // blocks 1..100, 101..200, 201..300
        Assert.Equal(251UL, sequences.Peek);
    }

    [Fact]
    public void AfterARebootNumberingContinuesAboveTheReservedBlock()
    {
        var store = new MemoryRecordStore();
        var first = new SequenceAllocator(store, 100, 0);
        for (int i = 0; i < 42; i++)
        {
            first.Next();
        }

        var second = new SequenceAllocator(store.Reboot(), 100, 0);
        Assert.Equal(101UL, second.Next()); // 43..100 are skipped: unique and rising, not contiguous
    }

    [Fact]
    public void NumberingStaysAboveWhatTheOutboxHoldsEvenWithoutItsFile()
    {
        var store = new MemoryRecordStore();
        Assert.Equal(5001UL, new SequenceAllocator(store, 100, 5000).Next());
        store.Delete(SequenceAllocator.FileName);
        Assert.Equal(7001UL, new SequenceAllocator(store, 100, 7000).Next());
    }

    [Fact]
    public void ADamagedReservationJumpsFarAboveEveryNumberThatCouldHaveBeenUsed()
    {
        var store = new MemoryRecordStore();
        new SequenceAllocator(store, 100, 0).Next();
        store.Corrupt(SequenceAllocator.FileName, 6);
        var recovered = new SequenceAllocator(store, 100, 77);
        Assert.True(recovered.RecoveredFromDamage);
        Assert.Equal(77 + SequenceAllocator.DamageJump, recovered.Next());
        Assert.False(new SequenceAllocator(store, 100, 0).RecoveredFromDamage); // the new reservation is sound
    }

    [Fact]
    public void NumbersNeverRepeatAcrossAThousandRandomRebootsAndPowerCuts()
    {
        var random = new Random(1234);
        var store = new MemoryRecordStore();
        var handedOut = new HashSet<ulong>();
        ulong highest = 0;
        int cuts = 0;
        for (int boot = 0; boot < 1000; boot++)
        {
            var sequences = new SequenceAllocator(store.Reboot(), 1 + random.Next(50), 0);
            if (random.Next(2) == 0)
            {
                // Power goes at a random byte of a random later reservation write, or before a random write.
                if (random.Next(2) == 0)
                {
                    store.CutAfterBytes(random.Next(0, 40));
                }
                else
                {
                    store.CutAfterOperations(random.Next(0, 3));
                }
            }

            int count = random.Next(0, 200);
            try
            {
                for (int i = 0; i < count; i++)
                {
                    ulong number = sequences.Next();
                    Assert.True(handedOut.Add(number), $"{number} handed out twice");
                    Assert.True(number > highest);
                    highest = number;
                }
            }
            catch (PowerCutException)
            {
                cuts++;
            }
        }

        Assert.True(cuts > 200);
        Assert.True(handedOut.Count > 50_000);
    }

    [Fact]
    public void AllocatingAllocatesNothingIncludingBlockWrites()
    {
        var store = new MemoryRecordStore();
        var sequences = new SequenceAllocator(store, 10, 0);
        for (int i = 0; i < 100; i++)
        {
            sequences.Next();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            sequences.Next();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
