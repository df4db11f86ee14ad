namespace Millwright.Firmware.Tests.Fakes;

/// <summary>One subscribe the device made, with the connection it was made on.</summary>
internal sealed record MemoryBrokerSubscription(string Topic, int Qos, int Connection);
