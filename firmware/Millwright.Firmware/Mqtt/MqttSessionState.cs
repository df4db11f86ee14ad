namespace Millwright.Firmware.Mqtt;

/// <summary>Where the MQTT session is in its connect / online / back-off cycle.</summary>
public enum MqttSessionState
{
    /// <summary>Not started: the first <see cref="MqttSession.Update"/> starts a connection attempt.</summary>
    Disconnected = 0,

    /// <summary>A connection attempt is under way (waiting for the link to report its outcome, or for the timeout).</summary>
    Connecting = 1,

    /// <summary>Connected, birth published, subscribed; the outbox is being replayed.</summary>
    Online = 2,

    /// <summary>The last attempt failed or the connection dropped: waiting out the back-off before the next attempt.</summary>
    BackingOff = 3,
}
