namespace Millwright.Firmware.Tests.Fakes;

/// <summary>What the in-memory broker does with one connection attempt.</summary>
internal enum MemoryBrokerConnectOutcome
{
    Accept,
    Refuse,
    NeverAnswer,
}
