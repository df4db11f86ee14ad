namespace Millwright.Firmware.Board;

public enum ActuatorKind
{
    /// <summary>Relay or GPIO: 0 (off) or 1 (on).</summary>
    Switch = 1,

    /// <summary>PWM: a level between Minimum and Maximum (duty cycle 0..1).</summary>
    Pwm = 2,
}
