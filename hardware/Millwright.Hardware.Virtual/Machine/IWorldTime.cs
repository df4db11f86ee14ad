namespace Millwright.Hardware.Virtual.Machine;

/// <summary>A board's simulated time (µs), which keeps running across reboots of its node: the machine's clock.</summary>
internal interface IWorldTime
{
    long WorldMicros { get; }
}
