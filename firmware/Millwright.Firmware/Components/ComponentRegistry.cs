using System;
using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Components;

/// <summary>
/// The node's components, in a fixed array (no generics on the device): one <see cref="SensorComponent"/> per sensor
/// name of the board description, plus whatever the runtime adds. Setting up and updating goes through here, so a
/// component that throws is marked failed and the others still run.
/// </summary>
public sealed class ComponentRegistry
{
    private readonly IComponent[] _components;
    private int _count;

    public ComponentRegistry(int capacity)
    {
        if (capacity < 1)
        {
            throw new ArgumentException("component capacity must be at least 1");
        }

        _components = new IComponent[capacity];
    }

    public int Count
    {
        get { return _count; }
    }

    public int Capacity
    {
        get { return _components.Length; }
    }

    public IComponent this[int index]
    {
        get { return _components[index]; }
    }

    /// <summary>Components in the failed state now.</summary>
    public int FailedCount
    {
        get
        {
            int failed = 0;
            for (int i = 0; i < _count; i++)
            {
                if (_components[i].Health.IsFailed)
                {
                    failed++;
                }
            }

            return failed;
        }
    }

    /// <summary>
    /// One sensor component per distinct <see cref="ChannelDescription.Sensor"/>, in board order, each with the readers
    /// <paramref name="io"/> gives for its channels; room is left for <paramref name="extraCapacity"/> more components.
    /// </summary>
    public static ComponentRegistry FromBoard(BoardDescription board, IBoardIo io, int extraCapacity, long retryMinMicros, long retryMaxMicros)
    {
        ChannelDescription[] channels = board.Channels == null ? new ChannelDescription[0] : board.Channels;
        var sensors = new SensorComponent[channels.Length];
        int sensorCount = 0;
        var taken = new bool[channels.Length];
        for (int first = 0; first < channels.Length; first++)
        {
            if (taken[first])
            {
                continue;
            }

            string sensor = SensorNameOf(channels[first]);
            int members = 0;
            for (int i = first; i < channels.Length; i++)
            {
                if (!taken[i] && SensorNameOf(channels[i]) == sensor)
                {
                    members++;
                }
            }

            var own = new ChannelDescription[members];
            var readers = new ISensorChannel[members];
            int slot = 0;
            for (int i = first; i < channels.Length; i++)
            {
                if (!taken[i] && SensorNameOf(channels[i]) == sensor)
                {
                    taken[i] = true;
                    own[slot] = channels[i];
                    readers[slot] = ReaderFor(io, channels[i].ChannelId);
                    slot++;
                }
            }

            sensors[sensorCount++] = new SensorComponent(sensor, own, readers, retryMinMicros, retryMaxMicros);
        }

        int capacity = sensorCount + (extraCapacity < 0 ? 0 : extraCapacity);
        var registry = new ComponentRegistry(capacity < 1 ? 1 : capacity);
        for (int i = 0; i < sensorCount; i++)
        {
            registry.Add(sensors[i]);
        }

        return registry;
    }

    public void Add(IComponent component)
    {
        if (component == null)
        {
            throw new ArgumentException("component is null");
        }

        if (_count == _components.Length)
        {
            throw new ArgumentException("no room for component " + component.Name);
        }

        if (Find(component.Name) != null)
        {
            throw new ArgumentException("two components named " + component.Name);
        }

        _components[_count++] = component;
    }

    /// <summary>The component of that name, or null.</summary>
    public IComponent Find(string name)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_components[i].Name == name)
            {
                return _components[i];
            }
        }

        return null;
    }

    /// <summary>The sensor component sampling that channel and the channel's slot in it; false when none does.</summary>
    public bool FindChannel(int channelId, out SensorComponent sensor, out int slot)
    {
        for (int i = 0; i < _count; i++)
        {
            var candidate = _components[i] as SensorComponent;
            if (candidate == null)
            {
                continue;
            }

            for (int s = 0; s < candidate.ChannelCount; s++)
            {
                if (candidate.ChannelAt(s).ChannelId == channelId)
                {
                    sensor = candidate;
                    slot = s;
                    return true;
                }
            }
        }

        sensor = null;
        slot = -1;
        return false;
    }

    public void SetupAll(long nowMicros)
    {
        for (int i = 0; i < _count; i++)
        {
            try
            {
                _components[i].Setup(nowMicros);
            }
            catch (Exception e)
            {
                _components[i].Health.MarkFailed("setup threw: " + e.Message, nowMicros);
            }
        }
    }

    public void UpdateAll(long nowMicros)
    {
        for (int i = 0; i < _count; i++)
        {
            try
            {
                _components[i].Update(nowMicros);
            }
            catch (Exception e)
            {
                _components[i].Health.MarkFailed("update threw: " + e.Message, nowMicros);
            }
        }
    }

    /// <summary>Copies the names of failed components into <paramref name="names"/> (as many as fit); returns how many it copied.</summary>
    public int CopyFailedNames(string[] names)
    {
        int copied = 0;
        for (int i = 0; i < _count && copied < names.Length; i++)
        {
            if (_components[i].Health.IsFailed)
            {
                names[copied++] = _components[i].Name;
            }
        }

        return copied;
    }

    private static string SensorNameOf(ChannelDescription channel)
    {
        // A channel without a sensor name is a sensor of its own.
        return channel.Sensor == null || channel.Sensor.Length == 0 ? "channel-" + channel.ChannelId.ToString() : channel.Sensor;
    }

    private static ISensorChannel ReaderFor(IBoardIo io, int channelId)
    {
        if (io == null)
        {
            return null;
        }

        try
        {
            return io.GetSensor(channelId);
        }
        catch (Exception)
        {
            return null; // the channel's component reports "no driver"
        }
    }
}
