using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Commands;

public class FailSafeTests
{
    [Fact]
    public void At_boot_every_actuator_is_driven_to_its_safe_value()
    {
        var bench = new CommandBench();

        Assert.Equal([0f], bench.Outputs[CommandBench.Relay].Applied);
        Assert.Equal([0f], bench.Outputs[CommandBench.Compressor].Applied);
        Assert.Equal([0.1f], bench.Outputs[CommandBench.Valve].Applied);
        Assert.All(bench.Board.Actuators, a => Assert.True(bench.Executor.IsInSafeState(a.ActuatorId)));
        Assert.False(bench.Executor.FailSafeEngaged);
    }

    [Fact]
    public void Controller_state_offline_drives_every_actuator_safe_at_once()
    {
        var bench = RunningBench();

        bench.Executor.OnControllerState(false);

        AssertAllSafe(bench);
        Assert.True(bench.Executor.FailSafeEngaged);
        Assert.True(bench.Executor.FailSafe.IsTripped);
        Assert.Equal("controller state offline", bench.Executor.FailSafe.TripReason);
    }

    [Fact]
    public void Missing_acks_for_the_configured_time_drive_every_actuator_safe()
    {
        var bench = RunningBench();
        for (int i = 0; i < 10; i++)
        {
            bench.Clock.AdvanceMilliseconds(10_000);
            bench.Executor.OnAck((ulong)i + 1, bench.Clock.UtcMicros);
            bench.Executor.Update();
        }

        Assert.Equal(1f, bench.Outputs[CommandBench.Relay].Last);

        bench.Clock.AdvanceMilliseconds(CommandBench.TimeoutMs);
        bench.Executor.Update();
        Assert.Equal(1f, bench.Outputs[CommandBench.Relay].Last);

        bench.Clock.AdvanceMilliseconds(1);
        bench.Executor.Update();
        AssertAllSafe(bench);
        Assert.Contains("no ack", bench.Executor.FailSafe.TripReason);
    }

    [Fact]
    public void Online_state_is_no_sign_of_life_and_cannot_hold_off_the_timeout()
    {
        var bench = RunningBench();

        for (int i = 0; i < 4; i++)
        {
            bench.Clock.AdvanceMilliseconds(10_000);
            bench.Executor.OnControllerState(true);
            bench.Executor.Update();
        }

        AssertAllSafe(bench);
        Assert.Contains("no ack", bench.Executor.FailSafe.TripReason);
    }

    [Fact]
    public void Online_state_does_not_arm_a_monitor_that_never_saw_the_controller()
    {
        var bench = new CommandBench();

        bench.Executor.OnControllerState(true);

        Assert.False(bench.Executor.FailSafe.IsArmed);
    }

    [Fact]
    public void Losing_the_connection_alone_does_not_trip_before_the_timeout()
    {
        var bench = RunningBench();

        bench.Executor.OnConnectionChanged(false);
        bench.Clock.AdvanceMilliseconds(CommandBench.TimeoutMs - 1);
        bench.Executor.Update();

        Assert.Equal(1f, bench.Outputs[CommandBench.Relay].Last);
        Assert.False(bench.Executor.FailSafeEngaged);
    }

    [Fact]
    public void Fail_safe_passes_the_minimum_on_time()
    {
        var bench = RunningBench();
        Assert.Equal(1f, bench.Outputs[CommandBench.Compressor].Last);

        bench.Executor.OnControllerState(false);

        Assert.Equal(0f, bench.Outputs[CommandBench.Compressor].Last);
    }

    [Fact]
    public void Controller_coming_back_online_does_not_leave_the_safe_state_only_a_new_valid_command_does()
    {
        var bench = RunningBench();
        bench.Executor.OnControllerState(false);
        int appliedAtTrip = bench.Outputs[CommandBench.Relay].Applied.Count;

        bench.Executor.OnControllerState(true);
        for (int i = 0; i < 5; i++)
        {
            bench.Clock.AdvanceMilliseconds(1_000);
            bench.Executor.OnAck(100, bench.Clock.UtcMicros);
            bench.Executor.OnConnectionChanged(true);
            bench.Executor.Update();
        }

        AssertAllSafe(bench);
        Assert.True(bench.Executor.FailSafeEngaged);
        Assert.False(bench.Executor.FailSafe.IsTripped);
        Assert.Equal(appliedAtTrip, bench.Outputs[CommandBench.Relay].Applied.Count);

        var result = bench.Send(CommandBench.Relay, CommandAction.On);

        Assert.Equal(CommandOutcome.Executed, result!.Outcome);
        Assert.Equal(1f, bench.Outputs[CommandBench.Relay].Last);
        Assert.True(bench.Executor.IsInSafeState(CommandBench.Valve));
        Assert.True(bench.Executor.FailSafeEngaged); // the others are still held safe
    }

    [Fact]
    public void Invalid_command_does_not_leave_the_safe_state()
    {
        var bench = RunningBench();
        bench.Executor.OnControllerState(false);

        byte[] tampered = bench.Sign(bench.NewCommand(CommandBench.Relay, CommandAction.On));
        tampered[^1] ^= 1;
        bench.Executor.OnCommandMessage(tampered);
        var expired = bench.NewCommand(CommandBench.Relay, CommandAction.On);
        expired.NotAfterMicros = bench.Clock.UtcMicros - 1;
        bench.Send(expired);

        AssertAllSafe(bench);
    }

    [Fact]
    public void Trip_happens_once_per_outage_not_on_every_update()
    {
        var bench = RunningBench();
        bench.Executor.OnControllerState(false);
        int applied = bench.Outputs[CommandBench.Relay].Applied.Count;

        for (int i = 0; i < 10; i++)
        {
            bench.Clock.AdvanceMilliseconds(60_000);
            bench.Executor.Update();
        }

        Assert.Equal(applied, bench.Outputs[CommandBench.Relay].Applied.Count);
        Assert.Equal(1, bench.Executor.FailSafe.TripCount);
    }

    [Fact]
    public void Command_executed_during_an_outage_is_watched_again_by_the_timeout()
    {
        var bench = RunningBench();
        bench.Executor.OnControllerState(false);

        bench.Send(CommandBench.Relay, CommandAction.On);
        Assert.Equal(1f, bench.Outputs[CommandBench.Relay].Last);
        bench.Clock.AdvanceMilliseconds(CommandBench.TimeoutMs + 1);
        bench.Executor.Update();

        Assert.Equal(0f, bench.Outputs[CommandBench.Relay].Last);
        Assert.Equal(2, bench.Executor.FailSafe.TripCount);
    }

    [Fact]
    public void Nothing_trips_before_the_controller_was_ever_seen()
    {
        var bench = new CommandBench();

        bench.Clock.AdvanceMilliseconds(10 * CommandBench.TimeoutMs);
        bench.Executor.Update();
        bench.Executor.OnControllerState(false);

        Assert.Equal(0, bench.Executor.FailSafe.TripCount);
        AssertAllSafe(bench);
    }

    [Fact]
    public void Idle_update_allocates_nothing()
    {
        var bench = RunningBench();
        bench.Executor.Update();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            bench.Executor.OnAck((ulong)i, bench.Clock.UtcMicros);
            bench.Executor.Update();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Default_timeout_is_at_least_a_minute_and_three_sampling_periods()
    {
        Assert.Equal(60_000, Firmware.Commands.FailSafeMonitor.DefaultTimeoutFor(1_000));
        Assert.Equal(180_000, Firmware.Commands.FailSafeMonitor.DefaultTimeoutFor(60_000));
    }

    /// <summary>Controller online, relay and compressor on, valve at 0.5.</summary>
    private static CommandBench RunningBench()
    {
        var bench = new CommandBench();
        bench.Executor.OnControllerState(true);
        bench.Clock.AdvanceMilliseconds(5_000);
        Assert.Equal(CommandOutcome.Executed, bench.Send(CommandBench.Relay, CommandAction.On)!.Outcome);
        Assert.Equal(CommandOutcome.Executed, bench.Send(CommandBench.Compressor, CommandAction.On)!.Outcome);
        Assert.Equal(CommandOutcome.Executed, bench.Send(CommandBench.Valve, CommandAction.SetLevel, 0.5f)!.Outcome);
        return bench;
    }

    private static void AssertAllSafe(CommandBench bench)
    {
        Assert.Equal(0f, bench.Outputs[CommandBench.Relay].Last);
        Assert.Equal(0f, bench.Outputs[CommandBench.Compressor].Last);
        Assert.Equal(0.1f, bench.Outputs[CommandBench.Valve].Last);
        Assert.All(bench.Board.Actuators, a => Assert.True(bench.Executor.IsInSafeState(a.ActuatorId)));
    }
}
