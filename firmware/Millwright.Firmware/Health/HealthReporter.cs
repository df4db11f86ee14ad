using System;
using Millwright.Firmware.Commands;
using Millwright.Firmware.Components;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Mqtt;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Health;

/// <summary>
/// Fills the status message (birth, periodic telemetry and Will; issue 3 §8) with the node's health: uptime, free
/// memory, RSSI, outbox depth and drops, reset reason, time sync state, failed components, and what the node is
/// (firmware version, board, channels, boot counter). The MQTT session signs and publishes it, periodically too
/// (MqttSessionOptions.StatusIntervalMicros). Allocates only when the set of failed components changes.
/// </summary>
public sealed class HealthReporter : IStatusSource
{
    private readonly string _board;
    private readonly int[] _channels;
    private readonly uint _bootCounter;
    private readonly ComponentRegistry _components;
    private readonly IClock _clock;
    private readonly IHealthSource _platform;
    private readonly INetworkInterface _network;
    private readonly IOutboxGauge _outbox;
    private readonly string[] _failedScratch;
    private IActuatorSafetyView _safety;
    private string[] _failedRaw = new string[0];
    private string[] _failed = new string[0];

    /// <param name="board">Board name.</param>
    /// <param name="channels">Sampled channel ids (kept, not copied).</param>
    /// <param name="bootCounter">This boot's number.</param>
    /// <param name="components">Whose failed members are listed.</param>
    /// <param name="clock">Uptime (monotonic µs since boot), wall time and its quality.</param>
    /// <param name="platform">Free memory and reset reason.</param>
    /// <param name="network">RSSI (null: reported as 0, unknown).</param>
    /// <param name="outbox">Depth and drops (null: reported as 0, before the outbox exists).</param>
    public HealthReporter(
        string board,
        int[] channels,
        uint bootCounter,
        ComponentRegistry components,
        IClock clock,
        IHealthSource platform,
        INetworkInterface network,
        IOutboxGauge outbox)
    {
        if (components == null || clock == null || platform == null)
        {
            throw new ArgumentException("health needs components, a clock and the platform");
        }

        _board = Truncate(board == null ? string.Empty : board);
        _channels = channels == null ? new int[0] : channels;
        _bootCounter = bootCounter;
        _components = components;
        _clock = clock;
        _platform = platform;
        _network = network;
        _outbox = outbox;
        _failedScratch = new string[ProtocolLimits.MaxListItems];
    }

    /// <summary>Name listed among the failed components while the fail-safe holds actuators in their safe state.</summary>
    public const string FailSafeName = "failsafe";

    /// <summary>Lists <see cref="FailSafeName"/> while the fail-safe is engaged (issue 3 §6: "goes to its safe state and reports it").</summary>
    public void SetSafetyView(IActuatorSafetyView safety)
    {
        _safety = safety;
    }

    public void FillStatus(StatusMessage status)
    {
        long utc = _clock.UtcMicros;
        long uptime = _clock.MonotonicMicros;
        status.BootCounter = _bootCounter;
        status.TimeMicros = utc < 0 ? 0 : utc;
        status.TimeQuality = _clock.Quality;
        status.FirmwareVersion = FirmwareInfo.Version;
        status.Board = _board;
        status.Channels = _channels;
        status.UptimeSeconds = uptime < 0 ? 0UL : (ulong)(uptime / 1000000);
        long free = _platform.FreeMemoryBytes;
        status.FreeMemoryBytes = free < 0 ? 0UL : (ulong)free;
        status.Rssi = _network == null ? 0 : _network.Rssi;
        status.OutboxDepth = _outbox == null ? 0UL : NonNegative(_outbox.Depth);
        status.OutboxDrops = _outbox == null ? 0UL : NonNegative(_outbox.Drops);
        string reason = _platform.ResetReason;
        status.ResetReason = reason == null ? string.Empty : Truncate(reason);
        status.FailedComponents = FailedComponents();
    }

    /// <summary>Names of the failed components now; the same array as last time while the set is unchanged.</summary>
    public string[] FailedComponents()
    {
        int count = _components.CopyFailedNames(_failedScratch);
        if (_safety != null && _safety.FailSafeEngaged && count < _failedScratch.Length)
        {
            _failedScratch[count++] = FailSafeName;
        }

        bool same = count == _failedRaw.Length;
        for (int i = 0; same && i < count; i++)
        {
            same = _failedRaw[i] == _failedScratch[i];
        }

        if (!same)
        {
            var raw = new string[count];
            var names = new string[count];
            for (int i = 0; i < count; i++)
            {
                raw[i] = _failedScratch[i];
                names[i] = Truncate(raw[i]);
            }

            _failedRaw = raw;
            _failed = names;
        }

        return _failed;
    }

    private static ulong NonNegative(long value)
    {
        return value < 0 ? 0UL : (ulong)value;
    }

    // The codec refuses text over ProtocolLimits.MaxTextBytes UTF-8 bytes; a status that cannot be encoded would take
    // the birth and the Will with it. Cutting at MaxTextBytes / 4 characters is safe for any UTF-8 text; ASCII names fit whole.
    private static string Truncate(string text)
    {
        if (text.Length <= ProtocolLimits.MaxTextBytes / 4)
        {
            return text;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                int cut = ProtocolLimits.MaxTextBytes / 4;
                bool splitsPair = text[cut - 1] >= 0xD800 && text[cut - 1] <= 0xDBFF;
                return text.Substring(0, splitsPair ? cut - 1 : cut);
            }
        }

        return text.Length <= ProtocolLimits.MaxTextBytes ? text : text.Substring(0, ProtocolLimits.MaxTextBytes);
    }
}
