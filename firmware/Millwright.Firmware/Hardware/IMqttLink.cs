namespace Millwright.Firmware.Hardware;

/// <summary>
/// The MQTT client as the firmware sees it (nanoFramework.M2Mqtt on the board, MQTTnet on the virtual board, an
/// in-memory link in tests). Every call returns at once: <see cref="Connect"/> only starts a connection attempt
/// (the board binding does the blocking work on its own thread), <see cref="Publish"/> only queues. Results and
/// incoming messages arrive through <see cref="IMqttLinkListener"/>, possibly on another thread.
/// An implementation that keeps a published payload after the call returns must copy it.
/// </summary>
public interface IMqttLink
{
    void SetListener(IMqttLinkListener listener);

    /// <summary>Starts connecting; the outcome arrives as <see cref="IMqttLinkListener.OnConnected"/>.</summary>
    void Connect(MqttConnectSettings settings);

    void Disconnect();

    /// <summary>Queues a publish; returns its message id (QoS 1 completion arrives as OnPublished), or 0 when not connected.</summary>
    int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain);

    void Subscribe(string topic, int qos);
}
