namespace Millwright.Firmware.Commands;

/// <summary>What the service console's self-test and the status report may know about actuators, without driving them.</summary>
public interface IActuatorSafetyView
{
    int ActuatorCount { get; }

    int ActuatorIdAt(int index);

    /// <summary>True when the actuator's output works and sits at its board-defined safe value.</summary>
    bool IsInSafeState(int actuatorId);

    bool IsOutputFailed(int actuatorId);

    /// <summary>True while the fail-safe holds some actuator in its safe state.</summary>
    bool FailSafeEngaged { get; }
}
