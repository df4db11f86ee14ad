using System;

namespace Millwright.Firmware.Board;

/// <summary>
/// One sensor component and how it is attached: on a bus (I2C address or SPI chip select) or to an ADC pin.
/// Fields that do not apply are null, <see cref="BoardWiring.NoPin"/> or -1. Several channels may share a sensor.
/// </summary>
public sealed class SensorWiring
{
    public SensorWiring(string name, SensorKind kind, ChannelWiring[] channels)
    {
        Name = name;
        Kind = kind;
        Channels = channels;
        Address = -1;
        ChipSelectPin = BoardWiring.NoPin;
        Pin = BoardWiring.NoPin;
        AdcChannel = -1;
    }

    /// <summary>The sensor's name: <see cref="ChannelDescription.Sensor"/> of each of its channels.</summary>
    public string Name { get; private set; }

    public SensorKind Kind { get; private set; }

    public ChannelWiring[] Channels { get; private set; }

    /// <summary>The <see cref="BusWiring.Id"/> of the sensor's bus, or null for an ADC sensor.</summary>
    public string BusId { get; set; }

    /// <summary>7-bit I2C address, or -1.</summary>
    public int Address { get; set; }

    /// <summary>SPI chip select, or <see cref="BoardWiring.NoPin"/>.</summary>
    public int ChipSelectPin { get; set; }

    /// <summary>ADC input pin, or <see cref="BoardWiring.NoPin"/>.</summary>
    public int Pin { get; set; }

    /// <summary>ADC unit of <see cref="Pin"/> (1 or 2), 0 when none; worked out from the chip's pin map when loading.</summary>
    public int AdcUnit { get; set; }

    /// <summary>Channel of <see cref="Pin"/> within its ADC unit, or -1.</summary>
    public int AdcChannel { get; set; }

    /// <summary>ADC input attenuation in dB (0, 2.5, 6 or 12): sets the measurable voltage range.</summary>
    public float AttenuationDb { get; set; }

    /// <summary>The wiring of one of this sensor's channels, or null.</summary>
    public ChannelWiring FindChannel(int channelId)
    {
        for (int i = 0; i < Channels.Length; i++)
        {
            if (Channels[i].ChannelId == channelId)
            {
                return Channels[i];
            }
        }

        return null;
    }
}
