using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>An output that remembers every value it was driven to.</summary>
public sealed class RuntimeActuatorOutput : IActuatorOutput
{
    public List<float> Applied { get; } = [];

    public bool Apply(float value)
    {
        Applied.Add(value);
        return true;
    }
}
