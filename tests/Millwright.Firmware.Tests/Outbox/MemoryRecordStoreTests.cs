using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Outbox;

/// <summary>The flash fake keeps the guarantees the outbox relies on, and cuts where it is told to.</summary>
public class MemoryRecordStoreTests
{
    private static readonly byte[] Data = [1, 2, 3, 4, 5, 6, 7, 8];

    [Fact]
    public void ACutAppendLeavesExactlyAPrefixAndTheStoreIsOffUntilReboot()
    {
        for (int budget = 0; budget <= Data.Length; budget++)
        {
            var store = new MemoryRecordStore();
            store.Append("f", Data, 0, 3);
            store.CutAfterBytes(budget);
            if (budget > Data.Length)
            {
                store.Append("f", Data, 0, Data.Length);
                continue;
            }

            Assert.Throws<PowerCutException>(() => store.Append("f", Data, 0, Data.Length));
            Assert.True(store.IsOff);
            Assert.Throws<PowerCutException>(() => store.Length("f"));
            store.Reboot();
            Assert.Equal(Data.Take(3).Concat(Data.Take(budget)).ToArray(), store.ReadAll("f"));
        }
    }

    [Fact]
    public void ACutReplaceKeepsTheOldContent()
    {
        var store = new MemoryRecordStore();
        store.Replace("f", Data, 0, 4);
        store.CutAfterBytes(Data.Length);
        Assert.Throws<PowerCutException>(() => store.Replace("f", Data, 0, Data.Length));
        store.Reboot();
        Assert.Equal(Data.Take(4).ToArray(), store.ReadAll("f"));

        store.CutAfterBytes(Data.Length + 1);
        store.Replace("f", Data, 0, Data.Length);
        Assert.Equal(Data, store.ReadAll("f"));
    }

    [Fact]
    public void AnOperationCutHappensBeforeTheCallChangesAnything()
    {
        var store = new MemoryRecordStore();
        store.Append("a", Data, 0, 2);
        store.CutAfterOperations(1);
        store.Delete("a");
        Assert.Throws<PowerCutException>(() => store.Append("b", Data, 0, 2));
        store.Reboot();
        Assert.Empty(store.FileNames);
    }

    [Fact]
    public void ListFiltersByPrefixAndFreeBytesFollowsUse()
    {
        var store = new MemoryRecordStore(capacityBytes: 20);
        store.Append("outbox-00", Data, 0, 8);
        store.Append("outbox-01", Data, 0, 8);
        store.Replace("outbox.acked", Data, 0, 2);
        Assert.Equal(["outbox-00", "outbox-01"], store.List("outbox-").Order().ToArray());
        Assert.Equal(2, store.FreeBytes);
        Assert.Throws<IOException>(() => store.Append("outbox-01", Data, 0, 3));
        Assert.Equal(-1, store.Length("missing"));
    }
}
