namespace Millwright.Protocol.Messages;

/// <summary>
/// One sampling tick of one device: the readings of every channel due at that tick. Plain data with
/// pre-allocated sample arrays, so a device reuses one instance for every tick without allocating.
/// </summary>
public sealed class Frame
{
    public Frame()
        : this(ProtocolLimits.MaxSamplesPerFrame)
    {
    }

    public Frame(int sampleCapacity)
    {
        ChannelIds = new int[sampleCapacity];
        OffsetsMicros = new int[sampleCapacity];
        Values = new float[sampleCapacity];
        DeviceId = string.Empty;
    }

    public string DeviceId { get; set; }

    public uint BootCounter { get; set; }

    /// <summary>Per-device sequence number, from 1, never repeated (also across reboots).</summary>
    public ulong Sequence { get; set; }

    /// <summary>Time of the tick, µs since the Unix epoch (UTC when <see cref="TimeQuality"/> is synced).</summary>
    public long TimeMicros { get; set; }

    public TimeQuality TimeQuality { get; set; }

    public int SampleCount { get; private set; }

    public int[] ChannelIds { get; private set; }

    /// <summary>When each sample was taken, relative to <see cref="TimeMicros"/>.</summary>
    public int[] OffsetsMicros { get; private set; }

    public float[] Values { get; private set; }

    public void ClearSamples()
    {
        SampleCount = 0;
    }

    public void AddSample(int channelId, int offsetMicros, float value)
    {
        if (SampleCount == ChannelIds.Length)
        {
            throw new ProtocolException(ProtocolError.MessageTooLarge, "frame holds at most " + ChannelIds.Length.ToString() + " samples");
        }

        ChannelIds[SampleCount] = channelId;
        OffsetsMicros[SampleCount] = offsetMicros;
        Values[SampleCount] = value;
        SampleCount++;
    }
}
