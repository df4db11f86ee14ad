namespace Millwright.Controller.Mqtt;

/// <summary>
/// The controller's side of MQTT, whichever broker is in use: publishing (acks, commands) and what the health
/// endpoint reports. The embedded broker injects messages directly; the external link publishes as a client.
/// </summary>
public interface IControllerLink
{
    /// <summary>True while messages can flow (embedded broker started, or the external client connected).</summary>
    bool IsConnected { get; }

    /// <summary>"embedded", or "external host:port".</summary>
    string Description { get; }

    /// <summary>Publishes with QoS 1. Returns false when the link is down (the message is then not sent; devices
    /// re-send unacked frames, so a lost ack costs a duplicate, never a reading).</summary>
    Task<bool> PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken);

    /// <summary>Drops a device's MQTT connection (after it was disabled). Only the embedded broker can do this.</summary>
    Task DisconnectDeviceAsync(string deviceId);
}
