using System;

namespace Millwright.Firmware.Board;

/// <summary>
/// Where one channel's value comes from within its sensor, and its linear calibration:
/// value = raw × <see cref="Scale"/> + <see cref="Offset"/>, raw being what the driver reads (for an ADC sensor the
/// volts at the pin; for a BME280 the compensated °C, %RH or hPa, so its calibration only trims).
/// </summary>
public sealed class ChannelWiring
{
    public ChannelWiring(int channelId, string quantity, float scale, float offset)
    {
        ChannelId = channelId;
        Quantity = quantity;
        Scale = scale;
        Offset = offset;
    }

    /// <summary>The channel's id on the wire (same as its <see cref="ChannelDescription.ChannelId"/>).</summary>
    public int ChannelId { get; private set; }

    /// <summary>
    /// What is measured: "temperature", "humidity", "pressure" (the three BME280 outputs), "acceleration",
    /// "current", "voltage". A BME280 driver picks its output by it; the virtual board picks what to simulate.
    /// </summary>
    public string Quantity { get; private set; }

    public float Scale { get; private set; }

    public float Offset { get; private set; }

    /// <summary>The calibrated value for a raw reading.</summary>
    public float Calibrate(float raw)
    {
        return raw * Scale + Offset;
    }

    /// <summary>The raw reading that calibrates to <paramref name="value"/> (a simulated sensor produces raw readings).</summary>
    public float Uncalibrate(float value)
    {
        // nanoCLR throws on division by zero; a zero scale maps every raw reading to Offset, so any raw value will do.
        if (Scale == 0f)
        {
            return 0f;
        }

        return (value - Offset) / Scale;
    }
}
