using Millwright.Firmware.Mqtt;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>Records what the MQTT session tells the rest of the firmware.</summary>
internal sealed class MqttTestObserver : IControllerLinkObserver
{
    public List<byte[]> Commands { get; } = new();

    public List<bool> ControllerStates { get; } = new();

    public List<(ulong Sequence, long ControllerTimeMicros)> Acks { get; } = new();

    public List<bool> ConnectionChanges { get; } = new();

    public void OnCommandMessage(byte[] signedCommand) => Commands.Add(signedCommand);

    public void OnControllerState(bool online) => ControllerStates.Add(online);

    public void OnAck(ulong ackedSequence, long controllerTimeMicros) => Acks.Add((ackedSequence, controllerTimeMicros));

    public void OnConnectionChanged(bool connected) => ConnectionChanges.Add(connected);
}
