using System;
using System.Device.Pwm;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Esp32.Io;

/// <summary>
/// A PWM output (<see cref="IActuatorOutput"/>): the value is the duty cycle, 0..1. The pin must already carry its
/// PWMn function (<see cref="PinFunctions.RoutePwm"/>), or nanoFramework finds no channel for it.
/// </summary>
public sealed class PwmOutput : IActuatorOutput
{
    private readonly PwmChannel _channel;

    public PwmOutput(int pin, int frequencyHz)
    {
        _channel = PwmChannel.CreateFromPin(pin, frequencyHz, 0);
        if (_channel == null)
        {
            throw new ArgumentException("no PWM channel routed to pin " + pin.ToString());
        }

        _channel.Start();
    }

    public bool Apply(float value)
    {
        if (!(value >= 0f && value <= 1f))
        {
            return false;
        }

        try
        {
            _channel.DutyCycle = value;
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
