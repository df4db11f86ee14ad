using System.Text.Json;
using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>Device health from status messages. Lists are stored as JSON text; 64-bit unsigned counters are stored
/// bit-for-bit in a signed 64-bit column (read back unchanged).</summary>
internal static class SqliteDeviceHealth
{
    public const string Columns =
        "boot_counter, status_time_us, time_quality, received_at_us, online, firmware_version, board, channels, uptime_s, " +
        "free_memory_bytes, rssi, outbox_depth, outbox_drops, reset_reason, failed_components";

    /// <summary>
    /// Keeps the newest by (boot counter, status time), protocol §9, except that a death (online = false) of the same
    /// boot always wins: the Will is signed at connect time, so it is older than the birth it follows. False when
    /// older or the device is unknown.
    /// </summary>
    public static bool Upsert(SqliteConnection connection, SqliteTransaction transaction, long deviceKey, DeviceHealth health)
    {
        return SqliteCommands.Execute(connection, transaction,
            $"INSERT INTO device_health (device_key, {Columns}) VALUES ($d, $b, $st, $q, $r, $on, $fw, $board, $ch, $up, $mem, $rssi, $depth, $drops, $reset, $failed) " +
            "ON CONFLICT (device_key) DO UPDATE SET boot_counter = excluded.boot_counter, status_time_us = excluded.status_time_us, " +
            "time_quality = excluded.time_quality, received_at_us = excluded.received_at_us, online = excluded.online, " +
            "firmware_version = excluded.firmware_version, board = excluded.board, channels = excluded.channels, " +
            "uptime_s = excluded.uptime_s, free_memory_bytes = excluded.free_memory_bytes, rssi = excluded.rssi, " +
            "outbox_depth = excluded.outbox_depth, outbox_drops = excluded.outbox_drops, reset_reason = excluded.reset_reason, " +
            "failed_components = excluded.failed_components " +
            "WHERE excluded.boot_counter > device_health.boot_counter OR " +
            "(excluded.boot_counter = device_health.boot_counter AND (excluded.status_time_us >= device_health.status_time_us OR excluded.online = 0))",
            ("$d", deviceKey), ("$b", (long)health.BootCounter), ("$st", health.StatusTimeMicros), ("$q", (int)health.TimeQuality),
            ("$r", UnixMicros.From(health.ReceivedAt)), ("$on", health.Online ? 1 : 0), ("$fw", health.FirmwareVersion),
            ("$board", health.Board), ("$ch", JsonSerializer.Serialize(health.Channels.ToArray())),
            ("$up", unchecked((long)health.UptimeSeconds)), ("$mem", unchecked((long)health.FreeMemoryBytes)), ("$rssi", health.Rssi),
            ("$depth", unchecked((long)health.OutboxDepth)), ("$drops", unchecked((long)health.OutboxDrops)),
            ("$reset", health.ResetReason), ("$failed", JsonSerializer.Serialize(health.FailedComponents.ToArray()))) > 0;
    }

    /// <summary>Reads the health columns starting at <paramref name="first"/> (in <see cref="Columns"/> order).</summary>
    public static DeviceHealth Read(SqliteDataReader reader, string deviceId, int first) => new()
    {
        DeviceId = deviceId,
        BootCounter = (uint)reader.GetInt64(first),
        StatusTimeMicros = reader.GetInt64(first + 1),
        TimeQuality = (TimeQuality)reader.GetInt32(first + 2),
        ReceivedAt = reader.Time(first + 3),
        Online = reader.GetInt64(first + 4) != 0,
        FirmwareVersion = reader.GetString(first + 5),
        Board = reader.GetString(first + 6),
        Channels = JsonSerializer.Deserialize<int[]>(reader.GetString(first + 7)) ?? [],
        UptimeSeconds = unchecked((ulong)reader.GetInt64(first + 8)),
        FreeMemoryBytes = unchecked((ulong)reader.GetInt64(first + 9)),
        Rssi = reader.GetInt32(first + 10),
        OutboxDepth = unchecked((ulong)reader.GetInt64(first + 11)),
        OutboxDrops = unchecked((ulong)reader.GetInt64(first + 12)),
        ResetReason = reader.GetString(first + 13),
        FailedComponents = JsonSerializer.Deserialize<string[]>(reader.GetString(first + 14)) ?? [],
    };
}
