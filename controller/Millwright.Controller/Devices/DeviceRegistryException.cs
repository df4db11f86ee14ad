namespace Millwright.Controller.Devices;

/// <summary>A registry request that cannot be done (unknown device, id taken, bad secret); the message says why.</summary>
public sealed class DeviceRegistryException(string message) : Exception(message);
