using System;
using System.Device.Adc;
using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Esp32.Io;

/// <summary>
/// An analog input (<see cref="ISensorChannel"/>): the raw code as volts at the pin, then the channel's calibration.
/// nanoCLR opens every ESP32 ADC channel at 12 dB attenuation and 12 bits and reads uncalibrated codes, so volts use the
/// nominal 12 dB full scale (<see cref="FullScaleVolts"/>); the ADC bends near both ends of its range, and a board that
/// needs better than a few percent trims it with the channel's scale and offset.
/// </summary>
public sealed class AdcSensorChannel : ISensorChannel
{
    /// <summary>Nominal input at the top code with 12 dB attenuation (ESP-IDF: about 3.1 V).</summary>
    public const float FullScaleVolts = 3.1f;

    private readonly AdcChannel _channel;
    private readonly ChannelWiring _wiring;
    private readonly float _voltsPerCode;

    public AdcSensorChannel(AdcController controller, int logicalChannel, ChannelWiring wiring)
    {
        _channel = controller.OpenChannel(logicalChannel);
        _wiring = wiring;
        _voltsPerCode = FullScaleVolts / controller.MaxValue;
    }

    public bool TryRead(out float value)
    {
        try
        {
            value = _wiring.Calibrate(_channel.ReadValue() * _voltsPerCode);
            return true;
        }
        catch (Exception)
        {
            value = 0f;
            return false;
        }
    }
}
