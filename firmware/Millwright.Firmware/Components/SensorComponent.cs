using System;
using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Components;

/// <summary>
/// One named sensor of the board (a BME280, a thermocouple amplifier...) and the channels it feeds. Several channels
/// may share it (<see cref="ChannelDescription.Sensor"/>); each channel fails and recovers on its own, and the sensor is
/// failed while any of its channels is.
/// Retry policy: a sample whose reads all fail (false, an exception, or a value that is not a finite number) fails its
/// channel. A failed channel is not read by the sampler any more (a dead I2C device can cost a bus timeout per read);
/// instead <see cref="Update"/> probes it with one read after <c>retryMinMicros</c>, then after twice as long each
/// time the probe fails, up to <c>retryMaxMicros</c>. The first good probe restores the channel and its next due sample
/// is taken as usual. An oversampled sample averages the reads that succeeded; failed reads among good ones are only
/// counted (<see cref="ReadErrors"/>).
/// </summary>
public sealed class SensorComponent : IComponent
{
    public const long DefaultRetryMinMicros = 1000000;
    public const long DefaultRetryMaxMicros = 60000000;

    private readonly string _name;
    private readonly ChannelDescription[] _channels;
    private readonly CheckedSensorChannel[] _readers;
    private readonly long _retryMinMicros;
    private readonly long _retryMaxMicros;
    private readonly bool[] _failed;
    private readonly long[] _retryAtMicros;
    private readonly long[] _retryDelayMicros;
    private readonly ComponentHealth _health = new ComponentHealth();
    private string _description;
    private int _failedChannels;

    /// <param name="name">The sensor name shared by its channels.</param>
    /// <param name="channels">The channels this sensor feeds.</param>
    /// <param name="readers">One reader per channel, same order; null where the board binding has none (that channel fails).</param>
    /// <param name="retryMinMicros">First probe delay after a failure.</param>
    /// <param name="retryMaxMicros">Longest probe delay.</param>
    public SensorComponent(string name, ChannelDescription[] channels, ISensorChannel[] readers, long retryMinMicros, long retryMaxMicros)
    {
        if (name == null || channels == null || readers == null || channels.Length == 0 || readers.Length != channels.Length)
        {
            throw new ArgumentException("a sensor needs a name and one reader slot per channel");
        }

        if (retryMinMicros <= 0 || retryMaxMicros < retryMinMicros)
        {
            throw new ArgumentException("sensor retry delays must be above 0 and min <= max");
        }

        _name = name;
        _channels = channels;
        _retryMinMicros = retryMinMicros;
        _retryMaxMicros = retryMaxMicros;
        int count = channels.Length;
        _failed = new bool[count];
        _retryAtMicros = new long[count];
        _retryDelayMicros = new long[count];
        _readers = new CheckedSensorChannel[count];
        for (int i = 0; i < count; i++)
        {
            _readers[i] = new CheckedSensorChannel(channels[i], readers[i]);
        }
    }

    public string Name
    {
        get { return _name; }
    }

    public ComponentHealth Health
    {
        get { return _health; }
    }

    public int ChannelCount
    {
        get { return _channels.Length; }
    }

    /// <summary>Channels currently failed.</summary>
    public int FailedChannelCount
    {
        get { return _failedChannels; }
    }

    /// <summary>Individual reads that failed inside otherwise good oversampled samples.</summary>
    public long ReadErrors { get; private set; }

    public ChannelDescription ChannelAt(int slot)
    {
        return _channels[slot];
    }

    public bool IsChannelFailed(int slot)
    {
        return _failed[slot];
    }

    /// <summary>Monotonic time of the next probe of a failed channel.</summary>
    public long RetryAtMicros(int slot)
    {
        return _retryAtMicros[slot];
    }

    public void Setup(long nowMicros)
    {
        for (int slot = 0; slot < _channels.Length; slot++)
        {
            float ignored;
            string problem = _readers[slot].Read(out ignored);
            if (problem != null)
            {
                Fail(slot, problem, nowMicros);
            }
        }

        if (_failedChannels == 0)
        {
            _health.MarkOk(nowMicros);
        }
    }

    public void Update(long nowMicros)
    {
        if (_failedChannels == 0)
        {
            return;
        }

        for (int slot = 0; slot < _channels.Length; slot++)
        {
            if (!_failed[slot] || nowMicros < _retryAtMicros[slot])
            {
                continue;
            }

            float ignored;
            string problem = _readers[slot].Read(out ignored);
            if (problem == null)
            {
                _failed[slot] = false;
                _failedChannels--;
            }
            else
            {
                Fail(slot, problem, nowMicros);
            }
        }

        if (_failedChannels == 0)
        {
            _health.MarkOk(nowMicros);
        }
    }

    /// <summary>
    /// Takes one sample of a channel: <paramref name="oversample"/> reads, averaged. Returns false, without reading, while
    /// the channel is failed, and false when every read fails (the channel then fails). Allocates nothing.
    /// </summary>
    public bool TrySample(int slot, int oversample, long nowMicros, out float value)
    {
        value = 0f;
        if (_failed[slot])
        {
            return false;
        }

        float sum = 0f;
        int good = 0;
        string problem = null;
        for (int i = 0; i < oversample; i++)
        {
            float raw;
            string readProblem = _readers[slot].Read(out raw);
            if (readProblem == null)
            {
                sum += raw;
                good++;
            }
            else
            {
                problem = readProblem;
            }
        }

        if (good == 0)
        {
            Fail(slot, problem, nowMicros);
            return false;
        }

        ReadErrors += oversample - good;
        value = good == 1 ? sum : sum / good;
        return true;
    }

    public string DescribeConfig()
    {
        if (_description == null)
        {
            string text = "sensor " + _name + ":";
            for (int i = 0; i < _channels.Length; i++)
            {
                text += (i == 0 ? " " : ", ") + ChannelConfigText.Describe(_channels[i], _readers[i].HasDriver);
            }

            _description = text;
        }

        return _description;
    }

    private void Fail(int slot, string problem, long nowMicros)
    {
        if (_failed[slot])
        {
            long doubled = _retryDelayMicros[slot] * 2;
            _retryDelayMicros[slot] = doubled > _retryMaxMicros ? _retryMaxMicros : doubled;
        }
        else
        {
            _failed[slot] = true;
            _failedChannels++;
            _retryDelayMicros[slot] = _retryMinMicros;
        }

        _retryAtMicros[slot] = nowMicros + _retryDelayMicros[slot];
        _health.MarkFailed(problem, nowMicros);
    }
}
