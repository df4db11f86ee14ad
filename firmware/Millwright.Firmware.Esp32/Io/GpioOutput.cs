using System;
using System.Device.Gpio;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Esp32.Io;

/// <summary>
/// A relay or plain output pin (<see cref="IActuatorOutput"/>): on for values of 0.5 and above. nanoCLR refuses a write
/// before the pin is an output, and ESP32 outputs start low, so an active-low output is switched off right after it
/// opens; it is on for the microseconds in between (a relay does not react that fast).
/// </summary>
public sealed class GpioOutput : IActuatorOutput
{
    private readonly GpioPin _pin;
    private readonly bool _activeLow;

    public GpioOutput(GpioController controller, int pin, bool activeLow)
    {
        _activeLow = activeLow;
        _pin = controller.OpenPin(pin, PinMode.Output);
        _pin.Write(activeLow ? PinValue.High : PinValue.Low);
    }

    public bool Apply(float value)
    {
        bool on = value >= 0.5f;
        try
        {
            _pin.Write(on != _activeLow ? PinValue.High : PinValue.Low);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
