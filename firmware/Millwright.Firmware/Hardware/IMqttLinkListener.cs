namespace Millwright.Firmware.Hardware;

/// <summary>What an <see cref="IMqttLink"/> reports. Implementations must not throw (an exception in an M2Mqtt handler closes the connection).</summary>
public interface IMqttLinkListener
{
    /// <summary>A connection attempt ended: accepted (reason 0) or refused/failed with the broker's reason code.</summary>
    void OnConnected(bool accepted, int reasonCode);

    /// <summary>The connection closed, for any reason (including our own Disconnect).</summary>
    void OnDisconnected();

    /// <summary>A QoS 1 publish completed (PUBACK) or was given up by the client.</summary>
    void OnPublished(int messageId, bool delivered);

    void OnMessage(string topic, byte[] payload);
}
