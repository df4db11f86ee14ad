using Millwright.Firmware.Components;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// A part of the node that could not be built at boot (a board description the sampler refuses, flash the outbox cannot
/// open): listed as a failed component, so health telemetry and the console say why the node is not recording.
/// </summary>
public sealed class StartupFailure : IComponent
{
    private readonly string _name;
    private readonly string _reason;
    private readonly ComponentHealth _health = new ComponentHealth();

    public StartupFailure(string name, string reason)
    {
        _name = name;
        _reason = reason;
    }

    public string Name
    {
        get { return _name; }
    }

    public ComponentHealth Health
    {
        get { return _health; }
    }

    public void Setup(long nowMicros)
    {
        _health.MarkFailed(_reason, nowMicros);
    }

    public void Update(long nowMicros)
    {
    }

    public string DescribeConfig()
    {
        return _name + ": failed at start-up: " + _reason;
    }
}
