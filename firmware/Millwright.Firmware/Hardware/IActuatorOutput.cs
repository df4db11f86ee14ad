namespace Millwright.Firmware.Hardware;

/// <summary>One output: a relay/GPIO (0 or 1) or a PWM channel (duty cycle 0..1).</summary>
public interface IActuatorOutput
{
    /// <summary>Drives the output. Returns false (never throws) when the hardware refused.</summary>
    bool Apply(float value);
}
