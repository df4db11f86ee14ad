using Millwright.Firmware.Framing;
using Millwright.Firmware.Outbox;
using Millwright.Firmware.Runtime;

namespace Millwright.Firmware.Tests.Runtime;

public sealed class OutboxFactoryResetTests
{
    private const long Second = RuntimeRig.Second;

    [Fact]
    public void A_factory_reset_over_the_console_erases_the_outbox_but_keeps_the_sequence_reservation()
    {
        var rig = new RuntimeRig();
        rig.Controller.Acking = false;
        rig.Start();
        rig.RunFor(20 * Second);
        Assert.Equal(20, rig.Runtime.Storage.Outbox.Depth);

        rig.Serial.TypeLine("factory-reset");
        rig.RunFor(Second);
        string offer = rig.Serial.Output.Split('\n').Select(l => l.Trim()).Last(l => l.Length > 0);
        Assert.Contains("20 unsent messages", offer);
        string token = offer.Split(' ')[^1];
        rig.Serial.TypeLine("factory-reset " + token);
        int feeds = rig.Watchdog.Feeds;
        rig.RunFor(40 * Second); // the platform's reboot is only counted here, so the node keeps being stepped

        Assert.Equal(1, rig.Platform.Reboots);
        Assert.True(rig.Runtime.RebootRequested);
        Assert.Equal(feeds, rig.Watchdog.Feeds); // no feeding after the request: the watchdog resets a node that did not reboot
        Assert.True(rig.Watchdog.WouldReset);
        Assert.False(rig.KeyStore.HasSecret);
        Assert.Empty(rig.Store.List(OutboxLog.AckFileName));
        Assert.DoesNotContain(rig.Store.FileNames, name => name.StartsWith("outbox", StringComparison.Ordinal));
        Assert.Contains(SequenceAllocator.FileName, rig.Store.FileNames);
        Assert.Contains(BootCounter.FileName, rig.Store.FileNames);

        // The node after the reboot: nothing to replay, console only, numbers still above the old ones.
        var after = new RuntimeRig(provisioned: false, store: rig.Store);
        after.Start();
        Assert.Equal(NodeMode.ConsoleOnly, after.Runtime.Mode);
        Assert.Equal(0, after.Runtime.Storage.Outbox.Depth);
        Assert.True(after.Runtime.Storage.Sequences.Peek > 21);
    }
}
