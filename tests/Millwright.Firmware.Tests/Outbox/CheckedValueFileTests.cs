using Millwright.Firmware.Storage;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>The small value files (sequence reservation, boot count, acked watermark): atomic, checked, allocation-free.</summary>
public class CheckedValueFileTests
{
    [Fact]
    public void MissingThenWrittenValueReadsBack()
    {
        var store = new MemoryRecordStore();
        var file = new CheckedValueFile(store, "value", 0x11223344);
        Assert.Equal(StoredValueState.Missing, file.Read(out ulong value));
        Assert.Equal(0UL, value);

        file.Write(0x0102030405060708UL);
        Assert.Equal(StoredValueState.Valid, file.Read(out value));
        Assert.Equal(0x0102030405060708UL, value);
        Assert.Equal(CheckedValueFile.Size, store.Length("value"));
    }

    [Fact]
    public void EveryDamagedByteAndAForeignMagicAreDetected()
    {
        var store = new MemoryRecordStore();
        var file = new CheckedValueFile(store, "value", 0x11223344);
        for (int position = 0; position < CheckedValueFile.Size; position++)
        {
            file.Write(123456789);
            store.Corrupt("value", position, 0x40);
            Assert.Equal(StoredValueState.Damaged, file.Read(out ulong value));
            Assert.Equal(0UL, value);
        }

        file.Write(5);
        Assert.Equal(StoredValueState.Damaged, new CheckedValueFile(store, "value", 0x11223345).Read(out _));
        store.SetBytes("value", new byte[CheckedValueFile.Size - 1]);
        Assert.Equal(StoredValueState.Damaged, file.Read(out _));
    }

    [Fact]
    public void APowerCutDuringAWriteKeepsTheOldValue()
    {
        var store = new MemoryRecordStore();
        var file = new CheckedValueFile(store, "value", 1);
        file.Write(10);
        for (int bytes = 0; bytes <= CheckedValueFile.Size; bytes++)
        {
            store.CutAfterBytes(bytes);
            Assert.Throws<PowerCutException>(() => file.Write(11));
            store.Reboot();
            Assert.Equal(StoredValueState.Valid, file.Read(out ulong value));
            Assert.Equal(10UL, value);
        }
    }

    [Fact]
    public void WritingAndReadingAllocateNothing()
    {
        var store = new MemoryRecordStore();
        var file = new CheckedValueFile(store, "value", 1);
        Repeat(file, 100); // warm up the store's pool and the JIT

        long before = GC.GetAllocatedBytesForCurrentThread();
        Repeat(file, 1000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Repeat(CheckedValueFile file, int times)
    {
        for (int i = 0; i < times; i++)
        {
            file.Write((ulong)i);
            file.Read(out _);
        }
    }
}
