using Millwright.Firmware.Board;
using Millwright.Firmware.Components;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Components;

public sealed class SensorComponentTests
{
    private const long Second = 1_000_000;

    private static (SensorComponent Sensor, FakeSensorChannel[] Readers) Bme280(int channels = 2)
    {
        var readers = Enumerable.Range(0, channels).Select(i => new FakeSensorChannel(20f + i)).ToArray();
        var descriptions = Enumerable.Range(0, channels)
            .Select(i => new ChannelDescription(i + 1, "q" + i, "u", "bme280"))
            .ToArray();
        var sensor = new SensorComponent("bme280", descriptions, readers, Second, 8 * Second);
        return (sensor, readers);
    }

    [Fact]
    public void Setup_with_answering_hardware_is_ok()
    {
        var (sensor, _) = Bme280();
        Assert.Equal(ComponentState.NotSetUp, sensor.Health.State);

        sensor.Setup(0);

        Assert.Equal(ComponentState.Ok, sensor.Health.State);
        Assert.Equal("", sensor.Health.LastError);
    }

    [Fact]
    public void A_channel_without_driver_fails_at_setup_with_a_reason_naming_it()
    {
        var descriptions = new[] { new ChannelDescription(7, "flow", "l/min", "flowmeter") };
        var sensor = new SensorComponent("flowmeter", descriptions, [null!], Second, 8 * Second);

        sensor.Setup(0);

        Assert.True(sensor.Health.IsFailed);
        Assert.Equal("channel 7 (flow): no driver on this board", sensor.Health.LastError);
        Assert.False(sensor.TrySample(0, 1, 0, out _));
    }

    [Fact]
    public void A_failed_read_marks_the_sensor_failed_and_the_channel_is_no_longer_read()
    {
        var (sensor, readers) = Bme280();
        sensor.Setup(0);
        readers[0].Fail = true;

        Assert.False(sensor.TrySample(0, 1, 5 * Second, out _));
        Assert.True(sensor.Health.IsFailed);
        Assert.Equal("channel 1 (q0): read failed", sensor.Health.LastError);
        Assert.Equal(1, sensor.Health.FailureCount);
        Assert.True(sensor.IsChannelFailed(0));

        int reads = readers[0].Reads;
        Assert.False(sensor.TrySample(0, 1, 6 * Second, out _));
        Assert.Equal(reads, readers[0].Reads); // not read again while failed: Update probes it

        // The other channel of the same sensor still samples.
        Assert.True(sensor.TrySample(1, 1, 6 * Second, out float other));
        Assert.Equal(21f, other);
    }

    [Fact]
    public void A_failed_channel_is_probed_with_doubling_delays_and_recovers_on_the_first_good_read()
    {
        var (sensor, readers) = Bme280();
        sensor.Setup(0);
        readers[0].Fail = true;
        sensor.TrySample(0, 1, 0, out _);

        // Probes at 1 s, then 2 s, 4 s, 8 s, 8 s after each failed one.
        var probes = new List<long>();
        for (long t = 0; t <= 40 * Second; t += Second / 10)
        {
            int before = readers[0].Reads;
            sensor.Update(t);
            if (readers[0].Reads != before)
            {
                probes.Add(t);
            }
        }

        Assert.Equal(new[] { 1L, 3, 7, 15, 23, 31, 39 }.Select(s => s * Second), probes);
        Assert.True(sensor.Health.IsFailed);
        Assert.Equal(1, sensor.Health.FailureCount);
        Assert.Equal(8, sensor.Health.ErrorCount); // the failed sample and seven failed probes

        readers[0].Fail = false;
        sensor.Update(47 * Second);

        Assert.Equal(ComponentState.Ok, sensor.Health.State);
        Assert.Equal(47 * Second, sensor.Health.StateSinceMicros);
        Assert.Equal("channel 1 (q0): read failed", sensor.Health.LastError); // kept for diagnosis
        Assert.True(sensor.TrySample(0, 1, 48 * Second, out _));
    }

    [Fact]
    public void The_sensor_stays_failed_until_every_channel_has_recovered()
    {
        var (sensor, readers) = Bme280();
        sensor.Setup(0);
        readers[0].Fail = true;
        readers[1].Fail = true;
        sensor.TrySample(0, 1, 0, out _);
        sensor.TrySample(1, 1, 0, out _);

        readers[0].Fail = false;
        sensor.Update(Second);
        Assert.True(sensor.Health.IsFailed);
        Assert.Equal(1, sensor.FailedChannelCount);

        readers[1].Fail = false;
        sensor.Update(3 * Second);
        Assert.False(sensor.Health.IsFailed);
        Assert.Equal(0, sensor.FailedChannelCount);
    }

    [Fact]
    public void A_driver_that_throws_fails_the_channel_instead_of_the_loop()
    {
        var (sensor, readers) = Bme280();
        sensor.Setup(0);
        readers[1].Throw = true;

        Assert.False(sensor.TrySample(1, 1, 0, out _));
        Assert.Equal("channel 2 (q1): driver threw", sensor.Health.LastError);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_value_that_is_not_a_finite_number_is_a_failed_read(float bad)
    {
        var (sensor, readers) = Bme280();
        sensor.Setup(0);
        readers[0].Value = bad;

        Assert.False(sensor.TrySample(0, 1, 0, out _));
        Assert.Equal("channel 1 (q0): value not a finite number", sensor.Health.LastError);
    }

    [Fact]
    public void Oversampling_averages_the_reads()
    {
        var (sensor, readers) = Bme280();
        sensor.Setup(0);
        readers[0].Value = 10f;
        readers[0].StepPerRead = 1f;
        int before = readers[0].Reads;

        Assert.True(sensor.TrySample(0, 4, 0, out float value));

        Assert.Equal(4, readers[0].Reads - before);
        Assert.Equal(11.5f, value); // (10 + 11 + 12 + 13) / 4
    }

    [Fact]
    public void Oversampling_averages_only_the_good_reads_and_counts_the_bad_ones()
    {
        var (sensor, readers) = Bme280();
        sensor.Setup(0);
        readers[0].Value = 10f;
        readers[0].StepPerRead = 2f;
        int first = readers[0].Reads;
        readers[0].FailWhen = i => i == first + 1; // the second of four reads fails

        Assert.True(sensor.TrySample(0, 4, 0, out float value));

        Assert.Equal(12f, value); // (10 + 12 + 14) / 3
        Assert.Equal(1, sensor.ReadErrors);
        Assert.False(sensor.Health.IsFailed);
    }

    [Fact]
    public void Describe_config_is_one_line_naming_every_channel()
    {
        var descriptions = new[]
        {
            new ChannelDescription(1, "temperature", "C", "bme280") { PeriodMilliseconds = 1000, Oversample = 4 },
            new ChannelDescription(2, "humidity", "%", "bme280"),
        };
        var sensor = new SensorComponent("bme280", descriptions, [new FakeSensorChannel(), null!], Second, Second);

        Assert.Equal(
            "sensor bme280: 1 temperature [C] every 1000 ms x4 averaged, 2 humidity [%] at the default period (no driver)",
            sensor.DescribeConfig());
    }

    [Fact]
    public void Failing_and_recovering_allocates_nothing()
    {
        var (sensor, readers) = Bme280();
        sensor.Setup(0);
        for (int warm = 0; warm < 2; warm++)
        {
            readers[0].Fail = true;
            sensor.TrySample(0, 2, 0, out _);
            readers[0].Fail = false;
            sensor.Update(Second);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            readers[0].Fail = true;
            sensor.TrySample(0, 2, i * 10 * Second, out _);
            readers[0].Fail = false;
            sensor.Update((i * 10 * Second) + Second);
            sensor.TrySample(0, 2, (i * 10 * Second) + (2 * Second), out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
