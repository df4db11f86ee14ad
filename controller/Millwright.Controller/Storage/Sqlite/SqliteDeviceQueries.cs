using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>Device overviews (activity, health, watermarks) and gaps: a few set-wise queries joined in memory.</summary>
internal static class SqliteDeviceQueries
{
    public static IReadOnlyList<DeviceOverview> Overviews(SqliteConnection connection, string? deviceId)
    {
        IReadOnlyList<DeviceRecord> devices = deviceId is null
            ? SqliteRegistryReads.Devices(connection)
            : SqliteRegistryReads.Device(connection, null, deviceId) is { } one ? [one] : [];
        if (devices.Count == 0)
        {
            return [];
        }

        string filter = deviceId is null ? string.Empty : "WHERE d.device_id = $id";
        var activity = new Dictionary<string, DeviceActivity>(StringComparer.Ordinal);
        ForEachRow(connection,
            "SELECT d.device_id, a.last_seen_us, a.last_epoch, a.last_seq, a.last_boot_counter, a.frames_stored " +
            $"FROM device_activity a JOIN devices d ON d.device_key = a.device_key {filter}", deviceId,
            reader => activity[reader.GetString(0)] = new DeviceActivity(reader.Time(1), reader.GetInt32(2), reader.GetInt64(3),
                (uint)reader.GetInt64(4), reader.GetInt64(5)));

        var health = new Dictionary<string, DeviceHealth>(StringComparer.Ordinal);
        ForEachRow(connection,
            $"SELECT d.device_id, {SqliteDeviceHealth.Columns} FROM device_health h JOIN devices d ON d.device_key = h.device_key {filter}",
            deviceId,
            reader => health[reader.GetString(0)] = SqliteDeviceHealth.Read(reader, reader.GetString(0), 1));

        ILookup<string, SequenceWatermark> watermarks = Watermarks(connection, deviceId).ToLookup(w => w.DeviceId, StringComparer.Ordinal);
        return devices
            .Select(d => new DeviceOverview(d, activity.GetValueOrDefault(d.DeviceId), health.GetValueOrDefault(d.DeviceId),
                watermarks[d.DeviceId].ToList()))
            .ToList();
    }

    public static IReadOnlyList<SequenceWatermark> Watermarks(SqliteConnection connection, string? deviceId)
    {
        string filter = deviceId is null ? string.Empty : "WHERE d.device_id = $id";
        var watermarks = new List<SequenceWatermark>();
        ForEachRow(connection,
            "SELECT d.device_id, s.epoch, s.contiguous_seq, s.highest_seq, s.island_count " +
            $"FROM sequence_state s JOIN devices d ON d.device_key = s.device_key {filter} ORDER BY d.device_id, s.epoch", deviceId,
            reader => watermarks.Add(new SequenceWatermark(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4))));
        return watermarks;
    }

    public static DeviceGaps Gaps(SqliteConnection connection, string deviceId)
    {
        var open = new List<SequenceGap>();
        foreach (SequenceWatermark watermark in Watermarks(connection, deviceId).Where(w => w.OpenGapCount > 0))
        {
            var islands = new List<SequenceRange>();
            ForEachRow(connection,
                "SELECT i.first_seq, i.last_seq FROM sequence_islands i JOIN devices d ON d.device_key = i.device_key " +
                "WHERE d.device_id = $id AND i.epoch = $e ORDER BY i.first_seq", deviceId,
                reader => islands.Add(new SequenceRange(reader.GetInt64(0), reader.GetInt64(1))), ("$e", watermark.Epoch));

            open.AddRange(new SequenceCoverage(watermark.ContiguousSequence, islands).OpenGaps()
                .Select(g => new SequenceGap(deviceId, watermark.Epoch, g.First, g.Last)));
        }

        var declared = new List<DeclaredLoss>();
        ForEachRow(connection,
            "SELECT g.epoch, g.seq, g.first_dropped, g.last_dropped, g.reason, g.received_at_us, g.log_index " +
            "FROM gap_records g JOIN devices d ON d.device_key = g.device_key WHERE d.device_id = $id ORDER BY g.epoch, g.seq", deviceId,
            reader => declared.Add(new DeclaredLoss(deviceId, reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt32(4), reader.Time(5), reader.GetInt64(6))));

        return new DeviceGaps(open, declared);
    }

    private static void ForEachRow(SqliteConnection connection, string sql, string? deviceId, Action<SqliteDataReader> row, params (string, object?)[] more)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, null, sql, [("$id", deviceId), .. more]);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}
