namespace Millwright.Firmware.Tests.Fakes;

/// <summary>One publish the device made, as the broker took it (Connection numbers the device's accepted connections from 1).</summary>
internal sealed record MemoryBrokerPublish(string Topic, byte[] Payload, int Qos, bool Retain, int Connection, long TimeMicros);
