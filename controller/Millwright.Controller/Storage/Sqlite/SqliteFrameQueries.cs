using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>Readings by device/channel/time with keyset paging, and frames in log order.</summary>
internal static class SqliteFrameQueries
{
    public const int MaxPageSize = 10_000;

    public static ReadingsPage Readings(SqliteConnection connection, ReadingsQuery query)
    {
        int limit = Math.Clamp(query.Limit, 1, MaxPageSize);
        string filter =
            "device_key = (SELECT device_key FROM devices WHERE device_id = $id) AND time_us >= $from AND time_us < $to" +
            (query.ChannelId is null ? string.Empty : " AND channel = $c") +
            (query.After is null ? string.Empty : " AND time_us >= $at AND (time_us > $at OR reading_id > $aid)");
        // A reading is either still staged (readings_recent) or settled (readings), never both in one snapshot.
        string columns = "reading_id, channel, time_us, value, log_index";
        using SqliteCommand command = SqliteCommands.Create(connection, null,
            "SELECT r.reading_id, r.channel, r.time_us, r.value, f.epoch, f.seq, r.log_index FROM (" +
            $"SELECT {columns} FROM readings WHERE {filter} UNION ALL SELECT {columns} FROM readings_recent WHERE {filter}" +
            ") r JOIN frames f ON f.log_index = r.log_index ORDER BY r.time_us, r.reading_id LIMIT $limit",
            ("$id", query.DeviceId), ("$from", query.FromMicros), ("$to", query.ToMicros), ("$c", query.ChannelId),
            ("$at", query.After?.TimeMicros), ("$aid", query.After?.ReadingId), ("$limit", limit + 1));
        using SqliteDataReader reader = command.ExecuteReader();
        var items = new List<Reading>();
        while (reader.Read())
        {
            // NULL stands for NaN (a failed reading), which SQLite cannot store as a REAL.
            float value = reader.IsDBNull(3) ? float.NaN : (float)reader.GetDouble(3);
            items.Add(new Reading(reader.GetInt64(0), query.DeviceId, reader.GetInt32(1), reader.GetInt64(2), value,
                reader.GetInt32(4), reader.GetInt64(5), reader.GetInt64(6)));
        }

        bool more = items.Count > limit;
        if (more)
        {
            items.RemoveAt(limit);
        }

        return new ReadingsPage(items, more ? new ReadingCursor(items[^1].TimeMicros, items[^1].ReadingId) : null);
    }

    public static IReadOnlyList<StoredFrame> InLogOrder(SqliteConnection connection, long fromLogIndex, int limit)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, null,
            "SELECT f.log_index, d.device_id, f.epoch, f.seq, f.kind, f.received_at_us, f.raw " +
            "FROM frames f JOIN devices d ON d.device_key = f.device_key WHERE f.log_index >= $from ORDER BY f.log_index LIMIT $limit",
            ("$from", fromLogIndex), ("$limit", Math.Clamp(limit, 1, MaxPageSize)));
        using SqliteDataReader reader = command.ExecuteReader();
        var frames = new List<StoredFrame>();
        while (reader.Read())
        {
            frames.Add(ReadFrame(reader));
        }

        return frames;
    }

    private static StoredFrame ReadFrame(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), (FrameKind)reader.GetInt32(4),
            reader.Time(5), reader.Bytes(6));

    public static long Count(SqliteConnection connection) => Count(connection, null);

    public static long Count(SqliteConnection connection, SqliteTransaction? transaction) =>
        (long)SqliteCommands.Scalar(connection, transaction, "SELECT COALESCE(MAX(log_index), 0) FROM frames")!;

    /// <summary>(log index, signed bytes) from <paramref name="fromLogIndex"/> on, in log order.</summary>
    public static IReadOnlyList<(long LogIndex, byte[] Raw)> RawInLogOrder(SqliteConnection connection, SqliteTransaction? transaction, long fromLogIndex, int limit)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, transaction,
            "SELECT log_index, raw FROM frames WHERE log_index >= $from ORDER BY log_index LIMIT $limit", ("$from", fromLogIndex), ("$limit", limit));
        using SqliteDataReader reader = command.ExecuteReader();
        var frames = new List<(long, byte[])>();
        while (reader.Read())
        {
            frames.Add((reader.GetInt64(0), reader.Bytes(1)));
        }

        return frames;
    }

    /// <summary>One stored frame by log index, or by (device, epoch, sequence).</summary>
    public static StoredFrame? One(SqliteConnection connection, long? logIndex, (string DeviceId, int Epoch, long Sequence)? key)
    {
        string filter = logIndex is not null
            ? "f.log_index = $l"
            : "f.device_key = (SELECT device_key FROM devices WHERE device_id = $id) AND f.epoch = $e AND f.seq = $s";
        using SqliteCommand command = SqliteCommands.Create(connection, null,
            "SELECT f.log_index, d.device_id, f.epoch, f.seq, f.kind, f.received_at_us, f.raw " +
            $"FROM frames f JOIN devices d ON d.device_key = f.device_key WHERE {filter}",
            ("$l", logIndex), ("$id", key?.DeviceId), ("$e", key?.Epoch), ("$s", key?.Sequence));
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadFrame(reader) : null;
    }
}
