using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Commands;

public class CommandResultQueueTests
{
    [Fact]
    public void Results_made_while_offline_are_published_in_order_on_reconnect()
    {
        var bench = new CommandBench();
        bench.Publisher.Online = false;
        bench.Executor.OnConnectionChanged(false);
        var ids = new List<ulong>();
        for (int i = 0; i < 3; i++)
        {
            var command = bench.NewCommand(CommandBench.Relay, i % 2 == 0 ? CommandAction.On : CommandAction.Off);
            ids.Add(command.CommandId);
            bench.Send(command);
        }

        Assert.Empty(bench.Publisher.Published);
        Assert.Equal(3, bench.Executor.PendingResults);

        bench.Publisher.Online = true;
        bench.Executor.OnConnectionChanged(true);

        Assert.Equal(ids, bench.Publisher.Published.Select(p => bench.Decode(p).CommandId));
        Assert.Equal(0, bench.Executor.PendingResults);
    }

    [Fact]
    public void Update_retries_queued_results_when_the_publisher_accepts_again()
    {
        var bench = new CommandBench();
        bench.Publisher.Online = false;
        bench.Send(CommandBench.Relay, CommandAction.On);
        Assert.Equal(1, bench.Executor.PendingResults);

        bench.Publisher.Online = true;
        bench.Executor.Update();

        Assert.Single(bench.Publisher.Published);
    }

    [Fact]
    public void Full_queue_drops_the_oldest_results_and_counts_them()
    {
        var bench = new CommandBench();
        bench.Publisher.Online = false;
        var ids = new List<ulong>();
        for (int i = 0; i < Firmware.Commands.CommandExecutor.ResultQueueCapacity + 2; i++)
        {
            var command = bench.NewCommand(CommandBench.Relay, CommandAction.On);
            ids.Add(command.CommandId);
            bench.Send(command);
        }

        bench.Publisher.Online = true;
        bench.Executor.Update();

        Assert.Equal(ids.Skip(2), bench.Publisher.Published.Select(p => bench.Decode(p).CommandId));
        Assert.Equal(2, bench.Executor.DroppedResults);
        Assert.All(bench.Publisher.Published, p => Assert.Equal(CommandOutcome.Executed, bench.Decode(p).Outcome));
    }
}
