using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Commands;

public class InterlockTests
{
    [Theory]
    [InlineData(0.05f)]
    [InlineData(0.81f)]
    [InlineData(1f)]
    [InlineData(-1f)]
    public void Level_outside_the_board_range_is_refused_by_the_range_interlock(float level)
    {
        var bench = new CommandBench();

        var result = bench.Send(CommandBench.Valve, CommandAction.SetLevel, level);

        Assert.Equal(CommandOutcome.Interlock, result!.Outcome);
        Assert.StartsWith("range", result.Detail);
        Assert.Equal(0.1f, result.Value);
        Assert.Equal([0.1f], bench.Outputs[CommandBench.Valve].Applied);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.8f)]
    public void Level_inside_the_range_including_its_ends_is_executed(float level)
    {
        var bench = new CommandBench();

        var result = bench.Send(CommandBench.Valve, CommandAction.SetLevel, level);

        Assert.Equal(CommandOutcome.Executed, result!.Outcome);
        Assert.Equal(level, bench.Outputs[CommandBench.Valve].Last);
    }

    [Fact]
    public void Minimum_off_time_counts_from_boot()
    {
        var bench = new CommandBench();

        bench.Clock.AdvanceMilliseconds(4_999);
        var early = bench.Send(CommandBench.Compressor, CommandAction.On);
        bench.Clock.AdvanceMilliseconds(1);
        var onTime = bench.Send(CommandBench.Compressor, CommandAction.On);

        Assert.Equal(CommandOutcome.Interlock, early!.Outcome);
        Assert.StartsWith("minimum off time", early.Detail);
        Assert.Equal(CommandOutcome.Executed, onTime!.Outcome);
    }

    [Fact]
    public void Minimum_on_time_holds_a_switch_on()
    {
        var bench = new CommandBench();
        bench.Clock.AdvanceMilliseconds(5_000);
        bench.Send(CommandBench.Compressor, CommandAction.On);

        bench.Clock.AdvanceMilliseconds(9_999);
        var early = bench.Send(CommandBench.Compressor, CommandAction.Off);
        bench.Clock.AdvanceMilliseconds(1);
        var onTime = bench.Send(CommandBench.Compressor, CommandAction.Off);

        Assert.Equal(CommandOutcome.Interlock, early!.Outcome);
        Assert.StartsWith("minimum on time", early.Detail);
        Assert.Equal(1f, early.Value);
        Assert.Equal(CommandOutcome.Executed, onTime!.Outcome);
        Assert.Equal(0f, bench.Outputs[CommandBench.Compressor].Last);
    }

    [Fact]
    public void Repeating_the_present_value_is_not_a_change_and_passes_the_timing_interlocks()
    {
        var bench = new CommandBench();
        bench.Clock.AdvanceMilliseconds(5_000);
        bench.Send(CommandBench.Compressor, CommandAction.On);

        var again = bench.Send(CommandBench.Compressor, CommandAction.On);

        Assert.Equal(CommandOutcome.Executed, again!.Outcome);
    }

    [Fact]
    public void Rate_limit_refuses_the_change_over_the_limit_within_a_minute_and_allows_it_after()
    {
        var bench = new CommandBench();
        bench.Clock.AdvanceMilliseconds(5_000);
        Assert.Equal(CommandOutcome.Executed, bench.Send(CommandBench.Compressor, CommandAction.On)!.Outcome);   // change 1 at t=5 s
        bench.Clock.AdvanceMilliseconds(10_000);
        Assert.Equal(CommandOutcome.Executed, bench.Send(CommandBench.Compressor, CommandAction.Off)!.Outcome);  // change 2 at t=15 s
        bench.Clock.AdvanceMilliseconds(5_000);
        Assert.Equal(CommandOutcome.Executed, bench.Send(CommandBench.Compressor, CommandAction.On)!.Outcome);   // change 3 at t=20 s
        bench.Clock.AdvanceMilliseconds(10_000);

        var fourth = bench.Send(CommandBench.Compressor, CommandAction.Off);                                    // t=30 s: 3 in the last minute
        bench.Clock.AdvanceMilliseconds(35_000);
        var later = bench.Send(CommandBench.Compressor, CommandAction.Off);                                     // t=65 s: change 1 left the window

        Assert.Equal(CommandOutcome.Interlock, fourth!.Outcome);
        Assert.StartsWith("rate limit", fourth.Detail);
        Assert.Equal(CommandOutcome.Executed, later!.Outcome);
    }

    [Fact]
    public void Safe_state_command_passes_every_interlock()
    {
        var bench = new CommandBench();
        bench.Clock.AdvanceMilliseconds(5_000);
        bench.Send(CommandBench.Compressor, CommandAction.On);

        var safe = bench.Send(CommandBench.Compressor, CommandAction.SafeState);

        Assert.Equal(CommandOutcome.Executed, safe!.Outcome);
        Assert.Equal(0f, safe.Value);
        Assert.True(bench.Executor.IsInSafeState(CommandBench.Compressor));
    }

    [Fact]
    public void Refused_command_consumes_its_id_so_it_cannot_run_later()
    {
        var bench = new CommandBench();
        var early = bench.NewCommand(CommandBench.Compressor, CommandAction.On);
        bench.Send(early);

        bench.Clock.AdvanceMilliseconds(5_000);
        var replay = bench.Send(early);

        Assert.Equal(CommandOutcome.Replayed, replay!.Outcome);
        Assert.Equal(0f, bench.Outputs[CommandBench.Compressor].Last);
    }
}
