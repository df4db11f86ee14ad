using Millwright.Firmware.Commands;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Commands;

public class CommandIdPersistenceTests
{
    [Fact]
    public void Last_id_survives_a_reboot_so_the_same_command_does_not_run_again()
    {
        var bench = new CommandBench();
        var command = bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 7);
        bench.Send(command);
        byte[] signed = bench.Sign(command);

        bench.Boot();
        int appliedAfterBoot = bench.Outputs[CommandBench.Relay].Applied.Count;
        bench.Executor.OnCommandMessage(signed);

        Assert.Equal(7UL, bench.Executor.LastCommandId);
        Assert.Equal(CommandOutcome.Replayed, bench.Decode(bench.Publisher.Published[^1]).Outcome);
        Assert.Equal(appliedAfterBoot, bench.Outputs[CommandBench.Relay].Applied.Count);
        Assert.Equal(0f, bench.Outputs[CommandBench.Relay].Last);
    }

    [Fact]
    public void Id_is_stored_before_the_output_moves()
    {
        var bench = new CommandBench();
        ulong storedWhenApplied = 0;
        var output = new RecordingOutput(() => storedWhenApplied = ReadStoredId(bench));
        bench.Io.Actuators[CommandBench.Relay] = output;
        bench.Boot();

        bench.Send(bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 12));

        Assert.Equal(12UL, storedWhenApplied);
    }

    [Fact]
    public void When_the_id_cannot_be_stored_nothing_moves()
    {
        var bench = new CommandBench();
        bench.Store.FailReplaces = 1;

        var result = bench.Send(bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 3));

        Assert.Equal(CommandOutcome.Rejected, result!.Outcome);
        Assert.Contains("could not be stored", result.Detail);
        Assert.Equal([0f], bench.Outputs[CommandBench.Relay].Applied);
        Assert.Equal(0UL, bench.Executor.LastCommandId);
        Assert.Equal(CommandOutcome.Executed, bench.Send(bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 3))!.Outcome);
    }

    [Fact]
    public void Counter_belongs_to_one_secret_and_starts_again_under_a_new_one()
    {
        var bench = new CommandBench();
        bench.Send(bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 50));
        var newKeys = new DeviceKeys(Enumerable.Repeat((byte)0xA5, 32).ToArray());

        bench.Boot(newKeys);

        Assert.Equal(0UL, bench.Executor.LastCommandId);
        bench.Boot();
        Assert.Equal(50UL, bench.Executor.LastCommandId);
    }

    [Fact]
    public void Damaged_id_record_fails_closed_until_erased()
    {
        var bench = new CommandBench();
        bench.Send(bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 5));
        bench.Store.FlipBit(CommandIdStore.RecordName, 12);

        bench.Boot();
        var refused = bench.Send(bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 6));

        Assert.Equal(CommandOutcome.Rejected, refused!.Outcome);
        Assert.Contains("damaged", refused.Detail);
        Assert.Equal(0f, bench.Outputs[CommandBench.Relay].Last);

        new CommandIdStore(bench.Store).Erase();
        bench.Boot();
        Assert.Equal(CommandOutcome.Executed, bench.Send(bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 6))!.Outcome);
    }

    private static ulong ReadStoredId(CommandBench bench)
    {
        var store = new CommandIdStore(bench.Store);
        store.Load(bench.Keys.KeyId);
        return store.LastId;
    }

    private sealed class RecordingOutput(Action onApply) : Millwright.Firmware.Hardware.IActuatorOutput
    {
        public bool Apply(float value)
        {
            if (value == 1f)
            {
                onApply();
            }

            return true;
        }
    }
}
