namespace Millwright.Firmware.Tests.Fakes;

/// <summary>What a <see cref="ChaosSchedule"/> actually did, so a test can show its faults happened.</summary>
internal sealed class ChaosScheduleCounters
{
    public int Drops;
    public int Duplicates;
    public int Delays;
    public int Refusals;
    public int Hangs;
    public int ConnectionDrops;
    public int BrokerRestarts;
    public int ControllerOutages;

    public override string ToString() =>
        $"drops {Drops}, duplicates {Duplicates}, delays {Delays}, refusals {Refusals}, hangs {Hangs}, " +
        $"connection drops {ConnectionDrops}, broker restarts {BrokerRestarts}, controller outages {ControllerOutages}";
}
