namespace Millwright.Firmware.Components;

/// <summary>Where a component is in its lifecycle, as health telemetry and the console report it.</summary>
public enum ComponentState
{
    /// <summary>Constructed; <see cref="IComponent.Setup"/> has not run yet.</summary>
    NotSetUp = 0,

    Ok = 1,

    /// <summary>Not working; <see cref="ComponentHealth.LastError"/> says why. The rest of the node carries on.</summary>
    Failed = 2,
}
