using Millwright.Firmware.Mqtt;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// The MQTT session reports to one observer; the command executor (commands, fail-safe) and the clock (ack time) both
/// need to hear it. Forwards every event to the executor and the ack time to <see cref="ClockSync"/>.
/// </summary>
public sealed class ControllerLinkFanOut : IControllerLinkObserver
{
    private readonly IControllerLinkObserver _executor;
    private readonly ClockSync _clockSync;

    public ControllerLinkFanOut(IControllerLinkObserver executor, ClockSync clockSync)
    {
        _executor = executor;
        _clockSync = clockSync;
    }

    public bool Connected { get; private set; }

    public long Acks { get; private set; }

    public void OnCommandMessage(byte[] signedCommand)
    {
        _executor.OnCommandMessage(signedCommand);
    }

    public void OnControllerState(bool online)
    {
        _executor.OnControllerState(online);
    }

    public void OnAck(ulong ackedSequence, long controllerTimeMicros)
    {
        Acks++;
        _clockSync.OnControllerTime(controllerTimeMicros);
        _executor.OnAck(ackedSequence, controllerTimeMicros);
    }

    public void OnConnectionChanged(bool connected)
    {
        Connected = connected;
        _executor.OnConnectionChanged(connected);
    }
}
