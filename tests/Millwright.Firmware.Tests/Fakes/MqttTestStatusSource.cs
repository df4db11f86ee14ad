using Millwright.Firmware.Mqtt;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>Fills a status message with fixed, recognisable health values and the test clock's time.</summary>
internal sealed class MqttTestStatusSource : IStatusSource
{
    private readonly MqttTestClock _clock;

    public MqttTestStatusSource(MqttTestClock clock)
    {
        _clock = clock;
    }

    public const long UtcAtBoot = 1_767_225_600_000_000; // 2026-01-01T00:00:00Z

    public int Fills { get; private set; }

    public void FillStatus(StatusMessage status)
    {
        Fills++;
        status.BootCounter = 7;
        status.TimeMicros = UtcAtBoot + _clock.NowMicros;
        status.TimeQuality = TimeQuality.Sntp;
        status.FirmwareVersion = FirmwareInfo.Version;
        status.Board = "test-board";
        status.Channels = new[] { 1, 2 };
        status.UptimeSeconds = (ulong)(_clock.NowMicros / 1_000_000);
        status.FreeMemoryBytes = 65_536;
        status.Rssi = -61;
        status.OutboxDepth = 3;
        status.OutboxDrops = 0;
        status.ResetReason = "power-on";
        status.FailedComponents = new[] { "vibration" };
    }
}
