using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Commands;

/// <summary>
/// What to do with a verified, fresh command for this device: the checks after the MAC, device and id checks, in
/// order — time (not-after), actuator, action, interlocks. Pure: it changes nothing, the executor acts on the answer.
/// </summary>
public static class CommandRules
{
    /// <summary>
    /// Returns <see cref="CommandOutcome.Executed"/> with the value to drive in <paramref name="target"/>, or the
    /// outcome that refuses the command with the reason in <paramref name="detail"/>.
    /// </summary>
    public static CommandOutcome Evaluate(Command command, ActuatorState actuator, IClock clock, out float target, out string detail)
    {
        target = 0f;
        detail = string.Empty;

        // Without a synced wall clock the device cannot tell whether the deadline passed. It refuses rather than
        // risk acting late; the controller's next ack sets the clock (TimeQuality.Controller), so this is brief.
        if (clock.Quality == TimeQuality.Unsynced)
        {
            detail = "clock not synced: cannot check not-after";
            return CommandOutcome.Rejected;
        }

        if (clock.UtcMicros > command.NotAfterMicros)
        {
            detail = "not-after passed";
            return CommandOutcome.Expired;
        }

        if (actuator == null)
        {
            detail = "no actuator " + command.ActuatorId.ToString() + " on this board";
            return CommandOutcome.UnknownActuator;
        }

        ActuatorDescription rules = actuator.Description;
        if (command.Action == CommandAction.SafeState)
        {
            // Going safe is always allowed: it is what the interlocks protect.
            target = rules.SafeValue;
            return CommandOutcome.Executed;
        }

        if (rules.Kind == ActuatorKind.Switch)
        {
            if (command.Action == CommandAction.On)
            {
                target = 1f;
            }
            else if (command.Action == CommandAction.Off)
            {
                target = 0f;
            }
            else if (command.Value == 0f || command.Value == 1f)
            {
                target = command.Value;
            }
            else
            {
                detail = "a switch takes 0 or 1";
                return CommandOutcome.Rejected;
            }
        }
        else
        {
            if (command.Action != CommandAction.SetLevel)
            {
                detail = "on/off is for switches: use set-level";
                return CommandOutcome.Rejected;
            }

            target = command.Value;
        }

        string refusal = ActuatorInterlocks.Check(actuator, target, clock.MonotonicMicros);
        if (refusal != null)
        {
            detail = refusal;
            return CommandOutcome.Interlock;
        }

        return CommandOutcome.Executed;
    }
}
