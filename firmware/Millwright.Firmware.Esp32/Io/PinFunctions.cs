using System;
using Millwright.Firmware.Board;
using nanoFramework.Hardware.Esp32;

namespace Millwright.Firmware.Esp32.Io;

/// <summary>
/// Routes board-file pins to ESP32 peripherals with Configuration.SetPinFunction, which must happen before a bus, PWM
/// channel or ADC channel is opened.
/// </summary>
public static class PinFunctions
{
    // nanoCLR's PwmChannel.CreateFromPin finds a pin by PWMn; timer = (n - 1) / 2 and PWM1/PWM2 share timer 0, so one
    // function per timer (PWM1, PWM3, PWM5, PWM7: LEDC timers 0..3 on ESP32 and ESP32-S3) keeps every output's
    // frequency its own.
    private static readonly DeviceFunction[] PwmPerTimer = new DeviceFunction[]
    {
        DeviceFunction.PWM1, DeviceFunction.PWM3, DeviceFunction.PWM5, DeviceFunction.PWM7,
    };

    public static int MaxPwmOutputs
    {
        get { return PwmPerTimer.Length; }
    }

    public static void RouteBus(BusWiring bus)
    {
        if (bus.Kind == BusKind.I2c)
        {
            bool first = bus.Controller == 1;
            Configuration.SetPinFunction(bus.SdaPin, first ? DeviceFunction.I2C1_DATA : DeviceFunction.I2C2_DATA);
            Configuration.SetPinFunction(bus.SclPin, first ? DeviceFunction.I2C1_CLOCK : DeviceFunction.I2C2_CLOCK);
        }
        else
        {
            bool first = bus.Controller == 1;
            Configuration.SetPinFunction(bus.SckPin, first ? DeviceFunction.SPI1_CLOCK : DeviceFunction.SPI2_CLOCK);
            Configuration.SetPinFunction(bus.MosiPin, first ? DeviceFunction.SPI1_MOSI : DeviceFunction.SPI2_MOSI);
            Configuration.SetPinFunction(bus.MisoPin, first ? DeviceFunction.SPI1_MISO : DeviceFunction.SPI2_MISO);
        }
    }

    /// <summary>Routes the <paramref name="index"/>-th PWM output (0-based) to its own LEDC timer.</summary>
    public static void RoutePwm(int pin, int index)
    {
        if (index < 0 || index >= PwmPerTimer.Length)
        {
            throw new ArgumentException("at most " + PwmPerTimer.Length.ToString() + " PWM outputs with their own frequency");
        }

        Configuration.SetPinFunction(pin, PwmPerTimer[index]);
    }

    /// <summary>
    /// nanoCLR's logical ADC channel on ESP32 and ESP32-S3: ADC1 channel n is n, ADC2 channel n is 10 + n
    /// (Esp32_ADC_DevicePinMap); the pins are fixed by the chip, so routing only confirms them.
    /// </summary>
    public static int RouteAdc(int pin, int unit, int channel)
    {
        int logical = unit == 2 ? 10 + channel : channel;
        Configuration.SetPinFunction(pin, (DeviceFunction)((int)DeviceFunction.ADC1_CH0 + logical));
        return logical;
    }
}
