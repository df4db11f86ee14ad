using System.IO;
using Millwright.Firmware.Hardware;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Commands;

/// <summary>
/// Takes one authentic command (MAC already verified) through the checks of docs/protocol.md §8 after the MAC:
/// device, fresh id, then <see cref="CommandRules"/>; consumes the id in flash before anything moves; acts; and has
/// the result sent. Not thread-safe: the executor holds its lock.
/// </summary>
public sealed class CommandHandler
{
    private readonly ActuatorBank _actuators;
    private readonly CommandIdStore _ids;
    private readonly FailSafeMonitor _failSafe;
    private readonly IClock _clock;
    private readonly CommandResultSender _results;
    private ulong _answeredId;
    private string _answeredOutcome;

    public CommandHandler(ActuatorBank actuators, CommandIdStore ids, FailSafeMonitor failSafe, IClock clock, CommandResultSender results)
    {
        _actuators = actuators;
        _ids = ids;
        _failSafe = failSafe;
        _clock = clock;
        _results = results;
    }

    public long ExecutedCount { get; private set; }

    public long RefusedCount { get; private set; }

    public void Handle(string deviceId, Command command)
    {
        ActuatorState actuator = _actuators.Find(command.ActuatorId);
        if (command.DeviceId != deviceId)
        {
            // Not consumed: the id belongs to the other device's sequence.
            Report(deviceId, command, CommandOutcome.Rejected, "addressed to device " + command.DeviceId, actuator);
            return;
        }

        if (_ids.Problem != null)
        {
            Report(deviceId, command, CommandOutcome.Rejected, _ids.Problem, actuator);
            return;
        }

        if (command.CommandId <= _ids.LastId)
        {
            // A controller re-sending a command whose result it lost learns the first outcome (protocol §13 item 5),
            // as long as the device has not rebooted since: outcomes are kept in RAM only, to spare the flash.
            string replayed = command.CommandId == _answeredId && _answeredOutcome != null
                ? "already consumed; first outcome: " + _answeredOutcome
                : "last consumed command id is " + _ids.LastId.ToString();
            Report(deviceId, command, CommandOutcome.Replayed, replayed, actuator);
            return;
        }

        // Authentic, for us and never seen: the controller is alive, whatever its retained state said.
        _failSafe.NoteAlive();
        float target;
        string detail;
        CommandOutcome outcome = CommandRules.Evaluate(command, actuator, _clock, out target, out detail);
        try
        {
            // Every fresh id is consumed once, whatever its outcome, before anything moves: a power cut after this
            // line cannot make the command run twice, and a command refused now cannot run later.
            _ids.Consume(command.CommandId);
        }
        catch (IOException)
        {
            Report(deviceId, command, CommandOutcome.Rejected, "command id could not be stored: not acting", actuator);
            return;
        }

        if (outcome == CommandOutcome.Executed)
        {
            if (actuator.Drive(target, _clock.MonotonicMicros))
            {
                actuator.HeldSafe = command.Action == CommandAction.SafeState;
                actuator.ForcedByFailSafe = false;
            }
            else
            {
                outcome = CommandOutcome.Rejected;
                detail = "output refused by the hardware";
            }
        }

        _answeredId = command.CommandId;
        _answeredOutcome = OutcomeName(outcome) + (detail.Length > 0 ? " (" + detail + ")" : string.Empty);
        Report(deviceId, command, outcome, detail, actuator);
    }

    private void Report(string deviceId, Command command, CommandOutcome outcome, string detail, ActuatorState actuator)
    {
        if (outcome == CommandOutcome.Executed)
        {
            ExecutedCount++;
        }
        else
        {
            RefusedCount++;
        }

        _results.Send(deviceId, command, outcome, detail, actuator);
    }

    private static string OutcomeName(CommandOutcome outcome)
    {
        // enum.ToString() gives the number on nanoFramework.
        switch (outcome)
        {
            case CommandOutcome.Executed: return "executed";
            case CommandOutcome.Rejected: return "rejected";
            case CommandOutcome.Expired: return "expired";
            case CommandOutcome.Interlock: return "interlock";
            default: return "unknown actuator";
        }
    }
}
