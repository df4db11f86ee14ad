namespace Millwright.Firmware.Mqtt;

/// <summary>What the MQTT session tells the rest of the firmware (command executor and fail-safe, health).</summary>
public interface IControllerLinkObserver
{
    /// <summary>A message arrived on our cmd topic (not yet verified).</summary>
    void OnCommandMessage(byte[] signedCommand);

    /// <summary>The retained controller state topic changed.</summary>
    void OnControllerState(bool online);

    /// <summary>A valid ack arrived: the controller is alive.</summary>
    void OnAck(ulong ackedSequence, long controllerTimeMicros);

    void OnConnectionChanged(bool connected);
}
