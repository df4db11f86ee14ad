using Millwright.Firmware.Commands;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Commands;

public class CommandVerificationTests
{
    [Fact]
    public void Valid_command_is_executed_and_the_result_verifies_with_the_device_key()
    {
        var bench = new CommandBench();
        var command = bench.NewCommand(CommandBench.Relay, CommandAction.On);

        var result = bench.Send(command);

        Assert.NotNull(result);
        Assert.Equal(CommandOutcome.Executed, result.Outcome);
        Assert.Equal(CommandBench.DeviceId, result.DeviceId);
        Assert.Equal(command.CommandId, result.CommandId);
        Assert.Equal(CommandBench.Relay, result.ActuatorId);
        Assert.Equal(1f, result.Value);
        Assert.Equal("", result.Detail);
        Assert.Equal(bench.Clock.UtcMicros, result.TimeMicros);
        Assert.Equal(1f, bench.Outputs[CommandBench.Relay].Last);
    }

    [Fact]
    public void Result_does_not_verify_with_the_controller_key()
    {
        var bench = new CommandBench();
        bench.Send(CommandBench.Relay, CommandAction.On);
        byte[] signed = bench.Publisher.Published.Single();

        var wrongDirection = new MessageVerifier(bench.Keys.ControllerMessageKey, bench.Keys.KeyId);
        Assert.Throws<Millwright.Protocol.ProtocolException>(() => wrongDirection.Verify(signed, 0, signed.Length));
    }

    [Fact]
    public void Command_with_a_flipped_bit_anywhere_is_dropped_without_acting_or_answering()
    {
        var bench = new CommandBench();
        byte[] signed = bench.Sign(bench.NewCommand(CommandBench.Relay, CommandAction.On));
        int applyBefore = bench.Outputs[CommandBench.Relay].Applied.Count;

        for (int i = 0; i < signed.Length; i++)
        {
            byte[] tampered = (byte[])signed.Clone();
            tampered[i] ^= 0x01;
            bench.Executor.OnCommandMessage(tampered);
        }

        Assert.Empty(bench.Publisher.Published);
        Assert.Equal(applyBefore, bench.Outputs[CommandBench.Relay].Applied.Count);
        Assert.Equal(signed.Length, bench.Executor.UnverifiedCount);
        Assert.Equal(0UL, bench.Executor.LastCommandId);
    }

    [Fact]
    public void Command_signed_with_another_devices_secret_is_dropped()
    {
        var bench = new CommandBench();
        var other = new DeviceKeys(Enumerable.Repeat((byte)0x55, 32).ToArray());

        bench.Executor.OnCommandMessage(bench.Sign(bench.NewCommand(CommandBench.Relay, CommandAction.On), other.ControllerMessageKey, other.KeyId));
        bench.Executor.OnCommandMessage(bench.Sign(bench.NewCommand(CommandBench.Relay, CommandAction.On), other.ControllerMessageKey, bench.Keys.KeyId));

        Assert.Empty(bench.Publisher.Published);
        Assert.Equal(2, bench.Executor.UnverifiedCount);
        Assert.Contains("MAC", bench.Executor.LastUnverifiedReason);
    }

    [Fact]
    public void Command_signed_with_the_device_key_is_dropped_so_a_device_message_cannot_pose_as_a_command()
    {
        var bench = new CommandBench();

        bench.Executor.OnCommandMessage(bench.Sign(bench.NewCommand(CommandBench.Relay, CommandAction.On), bench.Keys.DeviceMessageKey));

        Assert.Empty(bench.Publisher.Published);
        Assert.Equal(1, bench.Executor.UnverifiedCount);
    }

    [Fact]
    public void Signed_message_that_is_not_a_command_is_dropped()
    {
        var bench = new CommandBench();
        var writer = new SignedMessageWriter(bench.Keys.ControllerMessageKey, bench.Keys.KeyId);
        var buffer = new byte[ProtocolLimits.MaxMessageBytes];
        int length = writer.WriteAck(new Ack { DeviceId = CommandBench.DeviceId, AckedSequence = 5, ControllerTimeMicros = 1 }, buffer, 0);

        bench.Executor.OnCommandMessage(buffer.AsSpan(0, length).ToArray());

        Assert.Empty(bench.Publisher.Published);
        Assert.Contains("not a command", bench.Executor.LastUnverifiedReason);
    }

    [Fact]
    public void Without_a_secret_every_command_is_dropped()
    {
        var bench = new CommandBench();
        bench.Executor.SetIdentity(CommandBench.DeviceId, null!);

        bench.Executor.OnCommandMessage(bench.Sign(bench.NewCommand(CommandBench.Relay, CommandAction.On)));

        Assert.Empty(bench.Publisher.Published);
        Assert.Equal(1, bench.Executor.UnverifiedCount);
    }

    [Fact]
    public void Command_for_another_device_is_rejected_and_does_not_consume_our_id()
    {
        var bench = new CommandBench();
        var foreign = bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 9);
        foreign.DeviceId = "press-8";

        var rejected = bench.Send(foreign);
        var ours = bench.Send(bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 9));

        Assert.Equal(CommandOutcome.Rejected, rejected!.Outcome);
        Assert.Contains("press-8", rejected.Detail);
        Assert.Equal(CommandOutcome.Executed, ours!.Outcome);
    }

    [Fact]
    public void Replayed_and_older_ids_are_refused_and_do_not_act()
    {
        var bench = new CommandBench();
        var command = bench.NewCommand(CommandBench.Relay, CommandAction.On, id: 10);
        bench.Send(command);
        int applied = bench.Outputs[CommandBench.Relay].Applied.Count;

        var again = bench.Send(command);
        var older = bench.Send(bench.NewCommand(CommandBench.Relay, CommandAction.Off, id: 4));

        Assert.Equal(CommandOutcome.Replayed, again!.Outcome);
        Assert.Equal(CommandOutcome.Replayed, older!.Outcome);
        Assert.Contains("10", older.Detail);
        Assert.Equal(applied, bench.Outputs[CommandBench.Relay].Applied.Count);
        Assert.Equal(1f, older.Value);
    }

    [Fact]
    public void Resent_command_learns_the_first_outcome_until_the_next_reboot()
    {
        var bench = new CommandBench();
        var command = bench.NewCommand(CommandBench.Valve, CommandAction.SetLevel, 0.9f);
        bench.Send(command);

        var again = bench.Send(command);
        Assert.Equal(CommandOutcome.Replayed, again!.Outcome);
        Assert.Equal("already consumed; first outcome: interlock (range: value must be from 0.1 to 0.8)", again.Detail);

        bench.Boot();
        Assert.Equal($"last consumed command id is {command.CommandId}", bench.Send(command)!.Detail);
    }

    [Fact]
    public void Expired_command_is_refused_and_its_id_consumed()
    {
        var bench = new CommandBench();
        var command = bench.NewCommand(CommandBench.Relay, CommandAction.On);
        command.NotAfterMicros = bench.Clock.UtcMicros - 1;

        var result = bench.Send(command);

        Assert.Equal(CommandOutcome.Expired, result!.Outcome);
        Assert.Equal(0f, result.Value);
        Assert.Equal(command.CommandId, bench.Executor.LastCommandId);
        Assert.Single(bench.Outputs[CommandBench.Relay].Applied); // the boot-time safe drive only
    }

    [Fact]
    public void Command_exactly_at_its_not_after_time_is_still_executed()
    {
        var bench = new CommandBench();
        var command = bench.NewCommand(CommandBench.Relay, CommandAction.On);
        command.NotAfterMicros = bench.Clock.UtcMicros;

        Assert.Equal(CommandOutcome.Executed, bench.Send(command)!.Outcome);
    }

    [Fact]
    public void With_an_unsynced_clock_commands_are_rejected_because_expiry_cannot_be_checked()
    {
        var bench = new CommandBench(synced: false);

        var result = bench.Send(CommandBench.Relay, CommandAction.On);

        Assert.Equal(CommandOutcome.Rejected, result!.Outcome);
        Assert.Contains("clock not synced", result.Detail);
        Assert.Single(bench.Outputs[CommandBench.Relay].Applied);
    }

    [Fact]
    public void Unknown_actuator_is_reported_as_such()
    {
        var bench = new CommandBench();

        var result = bench.Send(42, CommandAction.On);

        Assert.Equal(CommandOutcome.UnknownActuator, result!.Outcome);
        Assert.Equal(42, result.ActuatorId);
    }

    [Fact]
    public void Actuator_without_a_bound_output_is_rejected_not_executed()
    {
        var bench = new CommandBench();
        bench.Io.Actuators.Remove(CommandBench.Relay);
        bench.Boot();

        var result = bench.Send(CommandBench.Relay, CommandAction.On);

        Assert.Equal(CommandOutcome.Rejected, result!.Outcome);
        Assert.Contains("refused", result.Detail);
        Assert.True(bench.Executor.IsOutputFailed(CommandBench.Relay));
    }

    [Fact]
    public void Output_that_refuses_gives_a_rejected_result()
    {
        var bench = new CommandBench();
        bench.Outputs[CommandBench.Relay].Refuse = true;

        var result = bench.Send(CommandBench.Relay, CommandAction.On);

        Assert.Equal(CommandOutcome.Rejected, result!.Outcome);
        Assert.Equal("output refused by the hardware", result.Detail);
        Assert.Equal(0f, result.Value);
    }

    [Theory]
    [InlineData(CommandBench.Relay, CommandAction.SetLevel, 0.5f, "a switch takes 0 or 1")]
    [InlineData(CommandBench.Valve, CommandAction.On, 0f, "on/off is for switches")]
    [InlineData(CommandBench.Valve, CommandAction.Off, 0f, "on/off is for switches")]
    public void Action_that_does_not_fit_the_actuator_kind_is_rejected(int actuator, CommandAction action, float value, string detail)
    {
        var bench = new CommandBench();

        var result = bench.Send(actuator, action, value);

        Assert.Equal(CommandOutcome.Rejected, result!.Outcome);
        Assert.Contains(detail, result.Detail);
    }

    [Fact]
    public void Switch_accepts_set_level_with_0_or_1()
    {
        var bench = new CommandBench();

        Assert.Equal(CommandOutcome.Executed, bench.Send(CommandBench.Relay, CommandAction.SetLevel, 1f)!.Outcome);
        Assert.Equal(1f, bench.Outputs[CommandBench.Relay].Last);
    }
}
