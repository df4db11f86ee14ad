namespace Millwright.Controller.Mqtt;

/// <summary>The answer to a device's MQTT login.</summary>
public enum MqttLoginDecision
{
    Accepted,

    /// <summary>No device with that id (or the username is not a valid device id).</summary>
    UnknownDevice,

    /// <summary>The password is not the one derived from the device's current secret.</summary>
    BadPassword,

    /// <summary>The device is disabled in the registry.</summary>
    Disabled,
}
