namespace Millwright.Firmware.Runtime;

/// <summary>How far the node's provisioning lets it go (docs/firmware.md "Main loop and watchdog").</summary>
public enum NodeMode
{
    /// <summary>No secret or no device id: console only, actuators safe; sensors are sampled for health, nothing is stored.</summary>
    ConsoleOnly = 0,

    /// <summary>Secret and device id, broker settings incomplete: frames are signed into the outbox, nothing is sent.</summary>
    Recording = 1,

    /// <summary>Fully provisioned: recording, and the MQTT session runs (connecting, online or backing off).</summary>
    Connected = 2,
}
