using Millwright.Firmware.Components;

namespace Millwright.Firmware.Sampling;

/// <summary>How one channel is sampled: its id on the wire, its period, how many reads make a sample, and who reads it.</summary>
public sealed class ChannelPlan
{
    public ChannelPlan(int channelId, long periodMicros, int oversample, SensorComponent sensor, int slot)
    {
        ChannelId = channelId;
        PeriodMicros = periodMicros;
        Oversample = oversample;
        Sensor = sensor;
        Slot = slot;
    }

    public int ChannelId { get; private set; }

    public long PeriodMicros { get; private set; }

    public int Oversample { get; private set; }

    public SensorComponent Sensor { get; private set; }

    /// <summary>The channel's index inside <see cref="Sensor"/>.</summary>
    public int Slot { get; private set; }
}
