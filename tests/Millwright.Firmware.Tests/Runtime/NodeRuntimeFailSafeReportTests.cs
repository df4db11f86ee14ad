using Millwright.Firmware.Health;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Runtime;

public sealed class NodeRuntimeFailSafeReportTests
{
    private const long Second = RuntimeRig.Second;

    [Fact]
    public void The_controller_going_offline_puts_failsafe_in_the_status_at_once_and_the_actuators_in_their_safe_state()
    {
        var rig = new RuntimeRig();
        rig.Start();
        rig.RunFor(20 * Second);
        int statusesBefore = rig.Controller.StatusMessages.Count;
        Assert.DoesNotContain(HealthReporter.FailSafeName, rig.LastStatus().FailedComponents);

        rig.Controller.PublishState(online: false);
        rig.RunFor(2 * Second); // well before the next periodic status (60 s)

        Assert.True(rig.Runtime.Executor.FailSafeEngaged);
        Assert.True(rig.Controller.StatusMessages.Count > statusesBefore);
        StatusMessage status = rig.LastStatus();
        Assert.True(status.Online);
        Assert.Contains(HealthReporter.FailSafeName, status.FailedComponents);
        Assert.True(rig.Runtime.Executor.IsInSafeState(RuntimeRig.Coolant));
    }
}
