using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Mqtt;
using Millwright.Protocol;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Commands;

/// <summary>
/// Runs the controller's commands safely (issue 3 item 6, docs/protocol.md §8): verifies the MAC, then hands the
/// command to <see cref="CommandHandler"/> (device, id, not-after, actuator, interlocks; id persisted before acting;
/// signed result). Drives every actuator to its safe value at boot and when <see cref="FailSafeMonitor"/> trips;
/// only a new valid command moves an actuator out of its safe state. Called by the MQTT session (as
/// <see cref="IControllerLinkObserver"/>, possibly on the link's thread) and by the main loop (<see cref="Update"/>);
/// every entry point takes one lock, and none throws.
/// </summary>
public sealed class CommandExecutor : IControllerLinkObserver, IActuatorSafetyView
{
    public const int ResultQueueCapacity = CommandResultSender.QueueCapacity;

    private readonly object _sync = new object();
    private readonly IClock _clock;
    private readonly ActuatorBank _actuators;
    private readonly CommandIdStore _ids;
    private readonly FailSafeMonitor _failSafe;
    private readonly CommandResultSender _results;
    private readonly CommandHandler _handler;
    private MessageVerifier _verifier;
    private string _deviceId = string.Empty;

    public CommandExecutor(
        BoardDescription board, IBoardIo io, IClock clock, IRecordStore store, ICommandResultPublisher publisher, int controllerTimeoutMilliseconds)
    {
        _clock = clock;
        _actuators = new ActuatorBank(board, io);
        _ids = new CommandIdStore(store);
        _failSafe = new FailSafeMonitor(clock, controllerTimeoutMilliseconds);
        _results = new CommandResultSender(clock, publisher);
        _handler = new CommandHandler(_actuators, _ids, _failSafe, clock, _results);
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

    public long ExecutedCount
    {
        get { lock (_sync) { return _handler.ExecutedCount; } }
    }

    public long RefusedCount
    {
        get { lock (_sync) { return _handler.RefusedCount; } }
    }

    public int PendingResults
    {
        get { lock (_sync) { return _results.Pending; } }
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

    public int ActuatorCount
    {
        get { return _actuators.Count; }
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

    /// <summary>Sets who we are (settings) and our keys (key store). With no keys or no device id every command is dropped.</summary>
    public void SetIdentity(string deviceId, DeviceKeys keys)
    {
        lock (_sync)
        {
            _deviceId = deviceId == null ? string.Empty : deviceId;
            _verifier = keys == null ? null : new MessageVerifier(keys.ControllerMessageKey, keys.KeyId);
            _results.SetKeys(keys);
            if (keys != null)
            {
                _ids.Load(keys.KeyId);
            }
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
            PollFailSafe();
            _results.Flush();
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
                _handler.Handle(_deviceId, command);
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
            PollFailSafe();
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
            _results.Connected = connected;
            _results.Flush();
        }
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

    private void PollFailSafe()
    {
        if (_failSafe.Poll())
        {
            _actuators.DriveAllSafe(_clock.MonotonicMicros, true);
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

    private void Drop(string reason)
    {
        UnverifiedCount++;
        LastUnverifiedReason = reason;
    }
}
