using Millwright.Firmware.Board;
using Millwright.Firmware.Components;
using Millwright.Firmware.Health;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Health;

public sealed class HealthReporterTests
{
    private const long Second = 1_000_000;

    private readonly FakeClock _clock = new(0, 5_000_000);
    private readonly FakeSensors _sensors = new();
    private readonly RuntimeHealthSource _platform = new() { FreeMemoryBytes = 48_000, ResetReason = "watchdog" };
    private readonly RuntimeNetwork _network = new() { Rssi = -67 };
    private readonly Gauge _outbox = new() { Depth = 42, Drops = 7 };
    private readonly ComponentRegistry _components;
    private readonly HealthReporter _reporter;

    public HealthReporterTests()
    {
        var board = new BoardDescription(
            "esp32-devkit-bme280",
            [new ChannelDescription(1, "t", "C", "bme280"), new ChannelDescription(2, "h", "%", "bme280"), new ChannelDescription(9, "tc", "C", "max31855")],
            []);
        _sensors.Add(1);
        _sensors.Add(2);
        _sensors.Add(9);
        _components = ComponentRegistry.FromBoard(board, _sensors, 0, Second, Second);
        _components.SetupAll(0);
        _reporter = new HealthReporter(board.Name, [1, 2, 9], 12, _components, _clock, _platform, _network, _outbox);
    }

    [Fact]
    public void The_status_carries_every_health_figure()
    {
        _clock.Advance(3_725 * Second + 400_000);
        _clock.SetUtc(FakeClock.SyncedEpochMicros, TimeQuality.Sntp);
        var status = new StatusMessage();

        _reporter.FillStatus(status);

        Assert.Equal(12u, status.BootCounter);
        Assert.Equal(FakeClock.SyncedEpochMicros, status.TimeMicros);
        Assert.Equal(TimeQuality.Sntp, status.TimeQuality);
        Assert.Equal(FirmwareInfo.Version, status.FirmwareVersion);
        Assert.Equal("esp32-devkit-bme280", status.Board);
        Assert.Equal([1, 2, 9], status.Channels);
        Assert.Equal(3_725ul, status.UptimeSeconds);
        Assert.Equal(48_000ul, status.FreeMemoryBytes);
        Assert.Equal(-67, status.Rssi);
        Assert.Equal(42ul, status.OutboxDepth);
        Assert.Equal(7ul, status.OutboxDrops);
        Assert.Equal("watchdog", status.ResetReason);
        Assert.Empty(status.FailedComponents);
    }

    [Fact]
    public void Failed_components_are_listed_by_name_and_leave_the_list_when_they_recover()
    {
        var status = new StatusMessage();
        _sensors.Channels[9].Fail = true;
        _components.Find("max31855").Setup(0);

        _reporter.FillStatus(status);
        Assert.Equal(["max31855"], status.FailedComponents);
        string[] first = status.FailedComponents;
        _reporter.FillStatus(status);
        Assert.Same(first, status.FailedComponents); // unchanged set: no new array

        _sensors.Channels[1].Fail = true;
        Assert.True(((SensorComponent)_components.Find("bme280")).TrySample(0, 1, 0, out _) == false);
        _reporter.FillStatus(status);
        Assert.Equal(["bme280", "max31855"], status.FailedComponents);

        _sensors.Channels[1].Fail = false;
        _sensors.Channels[9].Fail = false;
        _components.UpdateAll(10 * Second);
        _reporter.FillStatus(status);
        Assert.Empty(status.FailedComponents);
    }

    [Fact]
    public void Unsynced_time_is_reported_as_such()
    {
        var status = new StatusMessage();

        _reporter.FillStatus(status);

        Assert.Equal(TimeQuality.Unsynced, status.TimeQuality);
        Assert.Equal(5_000_000, status.TimeMicros);
    }

    [Fact]
    public void Missing_network_and_outbox_report_zero_and_odd_platform_values_are_clamped()
    {
        _platform.FreeMemoryBytes = -1;
        _platform.ResetReason = null!;
        var reporter = new HealthReporter("b", null!, 1, _components, _clock, _platform, null!, null!);
        var status = new StatusMessage();

        reporter.FillStatus(status);

        Assert.Equal(0ul, status.FreeMemoryBytes);
        Assert.Equal(0, status.Rssi);
        Assert.Equal(0ul, status.OutboxDepth);
        Assert.Equal("", status.ResetReason);
        Assert.Empty(status.Channels);
    }

    [Fact]
    public void The_filled_status_signs_and_verifies_even_with_over_long_texts()
    {
        _platform.ResetReason = new string('r', 500);
        var reporter = new HealthReporter(new string('b', 300) + "é", [1], 1, _components, _clock, _platform, _network, _outbox);
        var status = new StatusMessage { DeviceId = "node-7", Online = true };
        reporter.FillStatus(status);
        var keys = new DeviceKeys(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var writer = new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId);
        var buffer = new byte[ProtocolLimits.MaxMessageBytes];

        int length = writer.WriteStatus(status, buffer, 0);

        Assert.Equal(MessageType.Status, new MessageVerifier(keys.DeviceMessageKey, keys.KeyId).Verify(buffer, 0, length));
        Assert.Equal(ProtocolLimits.MaxTextBytes, status.ResetReason.Length);
        Assert.Equal(ProtocolLimits.MaxTextBytes / 4, status.Board.Length);
    }

    private sealed class Gauge : IOutboxGauge
    {
        public long Depth { get; set; }

        public long Drops { get; set; }
    }
}
