namespace Millwright.Controller.Configuration;

/// <summary>Whether the controller runs the MQTT broker itself or connects to one.</summary>
public enum MqttMode
{
    /// <summary>An MQTTnet broker inside the controller process, with per-device logins and topic ACLs.</summary>
    Embedded,

    /// <summary>The controller is a client of another broker (Mosquitto, EMQX, HiveMQ), which enforces logins and ACLs.</summary>
    External,
}
