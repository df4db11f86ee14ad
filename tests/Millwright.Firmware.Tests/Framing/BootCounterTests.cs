using Millwright.Firmware.Framing;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Framing;

/// <summary>The boot counter is on flash, counts every boot, and is stored before it is used.</summary>
public class BootCounterTests
{
    [Fact]
    public void EachBootCountsOneMore()
    {
        var store = new MemoryRecordStore();
        Assert.Equal(1u, BootCounter.CountThisBoot(store).Value);
        Assert.Equal(2u, BootCounter.CountThisBoot(store.Reboot()).Value);
        Assert.Equal(3u, BootCounter.CountThisBoot(store.Reboot()).Value);
    }

    [Fact]
    public void ABootCutWhileCountingGetsCountedAgainByTheNextOne()
    {
        var store = new MemoryRecordStore();
        BootCounter.CountThisBoot(store);
        store.CutAfterBytes(5);
        Assert.Throws<PowerCutException>(() => BootCounter.CountThisBoot(store)); // that boot never got to send a frame
        Assert.Equal(2u, BootCounter.CountThisBoot(store.Reboot()).Value);
    }

    [Fact]
    public void ADamagedCountRestartsAtOneAndSaysSo()
    {
        var store = new MemoryRecordStore();
        BootCounter.CountThisBoot(store);
        store.Corrupt(BootCounter.FileName, 3);
        BootCounter boot = BootCounter.CountThisBoot(store);
        Assert.Equal(1u, boot.Value);
        Assert.True(boot.RecoveredFromDamage);
        Assert.False(BootCounter.CountThisBoot(store).RecoveredFromDamage);
    }
}
