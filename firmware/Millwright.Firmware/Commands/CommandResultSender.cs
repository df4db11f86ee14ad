using Millwright.Firmware.Hardware;
using Millwright.Firmware.Mqtt;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Commands;

/// <summary>
/// Signs command results with the device-messages key and sends them on cmdack, oldest first; while the link is
/// down they wait in a <see cref="CommandResultQueue"/>. Not thread-safe: the executor holds its lock.
/// </summary>
public sealed class CommandResultSender
{
    public const int QueueCapacity = 8;

    /// <summary>A signed result is about 100 bytes plus the detail (at most <see cref="MaxDetailChars"/>) and the device id.</summary>
    public const int SlotBytes = 384;

    public const int MaxDetailChars = 100;

    private readonly IClock _clock;
    private readonly ICommandResultPublisher _publisher;
    private readonly CommandResultQueue _queue = new CommandResultQueue(QueueCapacity, SlotBytes);
    private readonly CommandResult _result = new CommandResult();
    private readonly byte[] _signed = new byte[ProtocolLimits.MaxMessageBytes];
    private SignedMessageWriter _writer;

    public CommandResultSender(IClock clock, ICommandResultPublisher publisher)
    {
        _clock = clock;
        _publisher = publisher;
        Connected = true;
    }

    /// <summary>False after the session reported the link down: nothing is offered to the publisher until it is up.</summary>
    public bool Connected { get; set; }

    public int Pending
    {
        get { return _queue.Count; }
    }

    public long Dropped
    {
        get { return _queue.Dropped; }
    }

    public void SetKeys(DeviceKeys keys)
    {
        _writer = keys == null ? null : new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId);
    }

    /// <summary>Signs the result for <paramref name="command"/>, queues it and tries to send what is queued.</summary>
    public void Send(string deviceId, Command command, CommandOutcome outcome, string detail, ActuatorState actuator)
    {
        if (_writer == null)
        {
            return;
        }

        long now = _clock.UtcMicros;
        _result.DeviceId = deviceId;
        _result.CommandId = command.CommandId;
        _result.Outcome = outcome;
        _result.Detail = detail.Length > MaxDetailChars ? detail.Substring(0, MaxDetailChars) : detail;
        _result.TimeMicros = now < 0 ? 0 : now;
        _result.ActuatorId = command.ActuatorId;
        _result.Value = actuator == null ? 0f : actuator.Value;
        int length = _writer.WriteCommandResult(_result, _signed, 0);
        _queue.Enqueue(_signed, 0, length);
        Flush();
    }

    public void Flush()
    {
        if (Connected && _queue.Count > 0)
        {
            _queue.Flush(_publisher);
        }
    }
}
