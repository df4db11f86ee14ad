namespace Millwright.Firmware.Board;

/// <summary>One sampled quantity: its id on the wire, the sensor component it comes from, and how to sample it.</summary>
public sealed class ChannelDescription
{
    public ChannelDescription(int channelId, string name, string unit, string sensor)
    {
        ChannelId = channelId;
        Name = name;
        Unit = unit;
        Sensor = sensor;
        Oversample = 1;
    }

    public int ChannelId { get; private set; }

    public string Name { get; private set; }

    public string Unit { get; private set; }

    /// <summary>Name of the sensor component (several channels may share one, e.g. a BME280).</summary>
    public string Sensor { get; private set; }

    /// <summary>Sampling period; 0 means the board default.</summary>
    public int PeriodMilliseconds { get; set; }

    /// <summary>Raw reads averaged into one sample (1 = no oversampling).</summary>
    public int Oversample { get; set; }
}
