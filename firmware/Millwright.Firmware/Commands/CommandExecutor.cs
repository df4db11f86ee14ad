using System.IO;
using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Mqtt;
using Millwright.Protocol;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Commands;

/// <summary>
/// Runs the controller's commands safely (ARCHITECTURE §4 "Commands", issue 3 item 6): checks the MAC, the target
/// device, that the id is newer than the last consumed one, the not-after time, the actuator and its interlocks;
/// persists the id, then acts, then publishes a signed result (kept in a small queue while offline). Drives every
/// actuator to its safe value at boot and when <see cref="FailSafeMonitor"/> trips; only a new valid command moves
/// an actuator out of its safe state. Called by the MQTT session (as <see cref="IControllerLinkObserver"/>, possibly
/// on the link's thread) and by the main loop (<see cref="Update"/>); every entry point takes one lock.
/// </summary>
public sealed class CommandExecutor : IControllerLinkObserver, IActuatorSafetyView
{
    public const int ResultQueueCapacity = 8;

    /// <summary>A signed result is about 100 bytes plus the detail (at most <see cref="MaxDetailChars"/>) and the device id.</summary>
    public const int ResultSlotBytes = 384;

    public const int MaxDetailChars = 100;

    private readonly object _sync = new object();
    private readonly IClock _clock;
    private readonly ICommandResultPublisher _publisher;
    private readonly ActuatorBank _actuators;
    private readonly CommandIdStore _ids;
    private readonly FailSafeMonitor _failSafe;
    private readonly CommandResultQueue _results = new CommandResultQueue(ResultQueueCapacity, ResultSlotBytes);
    private readonly CommandResult _result = new CommandResult();
    private readonly byte[] _signed = new byte[ProtocolLimits.MaxMessageBytes];
    private MessageVerifier _verifier;
    private SignedMessageWriter _writer;
    private string _deviceId = string.Empty;
    private bool _connected = true;

    public CommandExecutor(
        BoardDescription board, IBoardIo io, IClock clock, IRecordStore store, ICommandResultPublisher publisher, int controllerTimeoutMilliseconds)
    {
        _clock = clock;
        _publisher = publisher;
        _actuators = new ActuatorBank(board, io);
        _ids = new CommandIdStore(store);
        _failSafe = new FailSafeMonitor(clock, controllerTimeoutMilliseconds);
        LastUnverifiedReason = string.Empty;
    }

    public FailSafeMonitor FailSafe
    {
        get { return _failSafe; }
    }

    /// <summary>Messages dropped before any result could be signed: no identity yet, bad MAC or key id, malformed, not a command.</summary>
    public long UnverifiedCount { get; private set; }

    /// <summary>Why the last message was dropped unverified ("" when none was).</summary>
    public string LastUnverifiedReason { get; private set; }

    public long ExecutedCount { get; private set; }

    public long RefusedCount { get; private set; }

    public int PendingResults
    {
        get { lock (_sync) { return _results.Count; } }
    }

    public long DroppedResults
    {
        get { lock (_sync) { return _results.Dropped; } }
    }

    /// <summary>The last command id consumed under the current secret.</summary>
    public ulong LastCommandId
    {
        get { lock (_sync) { return _ids.LastId; } }
    }

    /// <summary>Sets who we are (settings) and our keys (key store). With no keys or no device id every command is dropped.</summary>
    public void SetIdentity(string deviceId, DeviceKeys keys)
    {
        lock (_sync)
        {
            _deviceId = deviceId == null ? string.Empty : deviceId;
            if (keys == null)
            {
                _verifier = null;
                _writer = null;
                return;
            }

            _verifier = new MessageVerifier(keys.ControllerMessageKey, keys.KeyId);
            _writer = new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId);
            _ids.Load(keys.KeyId);
        }
    }

    /// <summary>Boot: every actuator to its safe value; minimum on/off times count from now.</summary>
    public void Setup()
    {
        lock (_sync)
        {
            long now = _clock.MonotonicMicros;
            _actuators.DriveAllSafe(now, false);
            for (int i = 0; i < _actuators.Count; i++)
            {
                _actuators[i].StartAt(now);
            }
        }
    }

    /// <summary>Main loop: checks the fail-safe and sends queued results. Allocates nothing unless something happens.</summary>
    public void Update()
    {
        lock (_sync)
        {
            if (_failSafe.Poll())
            {
                _actuators.DriveAllSafe(_clock.MonotonicMicros, true);
            }

            if (_connected && _results.Count > 0)
            {
                _results.Flush(_publisher);
            }
        }
    }

    public void OnCommandMessage(byte[] signedCommand)
    {
        lock (_sync)
        {
            Command command = VerifyOrNull(signedCommand);
            if (command == null)
            {
                return;
            }

            try
            {
                Handle(command);
            }
            catch (System.Exception e)
            {
                // The link's listeners must not throw (an exception in an M2Mqtt handler closes the connection).
                Drop("command could not be handled: " + e.Message);
            }
        }
    }

    public void OnControllerState(bool online)
    {
        lock (_sync)
        {
            _failSafe.NoteControllerState(online);
            if (_failSafe.Poll())
            {
                _actuators.DriveAllSafe(_clock.MonotonicMicros, true);
            }
        }
    }

    public void OnAck(ulong ackedSequence, long controllerTimeMicros)
    {
        lock (_sync)
        {
            _failSafe.NoteAlive();
        }
    }

    public void OnConnectionChanged(bool connected)
    {
        lock (_sync)
        {
            _connected = connected;
            if (connected)
            {
                _results.Flush(_publisher);
            }
        }
    }

    /// <summary>True while some actuator is in its safe state because the fail-safe tripped (for the status message).</summary>
    public bool FailSafeEngaged
    {
        get
        {
            lock (_sync)
            {
                for (int i = 0; i < _actuators.Count; i++)
                {
                    if (_actuators[i].ForcedByFailSafe)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    public int ActuatorCount
    {
        get { return _actuators.Count; }
    }

    public int ActuatorIdAt(int index)
    {
        return _actuators[index].Description.ActuatorId;
    }

    public bool IsInSafeState(int actuatorId)
    {
        lock (_sync)
        {
            ActuatorState actuator = _actuators.Find(actuatorId);
            return actuator != null && !actuator.OutputFailed && actuator.Value == actuator.Description.SafeValue;
        }
    }

    public float ValueOf(int actuatorId)
    {
        lock (_sync)
        {
            ActuatorState actuator = _actuators.Find(actuatorId);
            return actuator == null ? 0f : actuator.Value;
        }
    }

    public bool IsOutputFailed(int actuatorId)
    {
        lock (_sync)
        {
            ActuatorState actuator = _actuators.Find(actuatorId);
            return actuator == null || actuator.OutputFailed;
        }
    }

    private Command VerifyOrNull(byte[] signed)
    {
        if (signed == null || _verifier == null || _deviceId.Length == 0)
        {
            Drop("no device identity or secret installed");
            return null;
        }

        try
        {
            if (_verifier.Verify(signed, 0, signed.Length) != MessageType.Command)
            {
                Drop("signed message on the cmd topic is not a command");
                return null;
            }

            return CommandCodec.Decode(signed, _verifier.Message.PayloadOffset, _verifier.Message.PayloadLength);
        }
        catch (ProtocolException e)
        {
            // No authentic command id to answer: replying would let anyone with broker access make the device talk.
            Drop(e.Message);
            return null;
        }
    }

    private void Handle(Command command)
    {
        ActuatorState actuator = _actuators.Find(command.ActuatorId);
        if (command.DeviceId != _deviceId)
        {
            // Not consumed: the id belongs to the other device's sequence.
            Report(command, CommandOutcome.Rejected, "addressed to device " + command.DeviceId, actuator);
            return;
        }

        if (_ids.Problem != null)
        {
            Report(command, CommandOutcome.Rejected, _ids.Problem, actuator);
            return;
        }

        if (command.CommandId <= _ids.LastId)
        {
            Report(command, CommandOutcome.Replayed, "last consumed command id is " + _ids.LastId.ToString(), actuator);
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
            Report(command, CommandOutcome.Rejected, "command id could not be stored: not acting", actuator);
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

        Report(command, outcome, detail, actuator);
    }

    private void Report(Command command, CommandOutcome outcome, string detail, ActuatorState actuator)
    {
        if (outcome == CommandOutcome.Executed)
        {
            ExecutedCount++;
        }
        else
        {
            RefusedCount++;
        }

        long now = _clock.UtcMicros;
        _result.DeviceId = _deviceId;
        _result.CommandId = command.CommandId;
        _result.Outcome = outcome;
        _result.Detail = detail.Length > MaxDetailChars ? detail.Substring(0, MaxDetailChars) : detail;
        _result.TimeMicros = now < 0 ? 0 : now;
        _result.ActuatorId = command.ActuatorId;
        _result.Value = actuator == null ? 0f : actuator.Value;
        int length = _writer.WriteCommandResult(_result, _signed, 0);
        _results.Enqueue(_signed, 0, length);
        if (_connected)
        {
            _results.Flush(_publisher);
        }
    }

    private void Drop(string reason)
    {
        UnverifiedCount++;
        LastUnverifiedReason = reason;
    }
}
