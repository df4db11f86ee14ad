using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>Quarantine writes and reads. Per-reason counts are kept in their own table in the same transaction, so
/// counting never scans a quarantine that a flood of bad input has made large.</summary>
internal static class SqliteQuarantine
{
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<QuarantineEntry> entries)
    {
        using var insert = new PreparedCommand(connection,
            "INSERT INTO quarantine (received_at_us, topic, device_id, reason, protocol_error, detail, raw, original_length) " +
            "VALUES ($t, $topic, $d, $r, $e, $detail, $raw, $n)",
            "$t", "$topic", "$d", "$r", "$e", "$detail", "$raw", "$n") { Transaction = transaction };
        using var count = new PreparedCommand(connection,
            "INSERT INTO quarantine_counts (reason, count) VALUES ($r, $n) ON CONFLICT (reason) DO UPDATE SET count = quarantine_counts.count + excluded.count",
            "$r", "$n") { Transaction = transaction };
        var counts = new Dictionary<QuarantineReason, long>();
        foreach (QuarantineEntry entry in entries)
        {
            byte[] raw = entry.RawMessage.Length <= QuarantineEntry.MaxStoredBytes ? entry.RawMessage : entry.RawMessage[..QuarantineEntry.MaxStoredBytes];
            insert.Bind(UnixMicros.From(entry.ReceivedAt), entry.Topic, entry.DeviceId, (int)entry.Reason, (int?)entry.ProtocolError,
                entry.Detail, raw, entry.OriginalLength ?? entry.RawMessage.Length).Execute();
            counts[entry.Reason] = counts.GetValueOrDefault(entry.Reason) + 1;
        }

        foreach ((QuarantineReason reason, long n) in counts)
        {
            count.Bind((int)reason, n).Execute();
        }
    }

    public static QuarantinePage Page(SqliteConnection connection, QuarantineQuery query)
    {
        int limit = Math.Clamp(query.Limit, 1, 10_000);
        var conditions = new List<string>();
        if (query.Reason is not null)
        {
            conditions.Add("reason = $r");
        }

        if (query.DeviceId is not null)
        {
            conditions.Add("device_id = $d");
        }

        if (query.BeforeId is not null)
        {
            conditions.Add("id < $before");
        }

        string where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        using SqliteCommand command = SqliteCommands.Create(connection, null,
            "SELECT id, received_at_us, topic, device_id, reason, protocol_error, detail, raw, original_length " +
            $"FROM quarantine {where} ORDER BY id DESC LIMIT $limit",
            ("$r", (int?)query.Reason), ("$d", query.DeviceId), ("$before", query.BeforeId), ("$limit", limit + 1));
        using SqliteDataReader reader = command.ExecuteReader();
        var items = new List<QuarantineRecord>();
        while (reader.Read())
        {
            long? error = reader.NullableInt64(5);
            items.Add(new QuarantineRecord(reader.GetInt64(0), reader.Time(1), reader.GetString(2), reader.NullableString(3),
                (QuarantineReason)reader.GetInt32(4), error is null ? null : (ProtocolError)(int)error.Value, reader.GetString(6),
                reader.Bytes(7), reader.GetInt32(8)));
        }

        bool more = items.Count > limit;
        if (more)
        {
            items.RemoveAt(limit);
        }

        return new QuarantinePage(items, more ? items[^1].Id : null);
    }

    public static IReadOnlyDictionary<QuarantineReason, long> Counts(SqliteConnection connection)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, null, "SELECT reason, count FROM quarantine_counts WHERE count > 0");
        using SqliteDataReader reader = command.ExecuteReader();
        var counts = new Dictionary<QuarantineReason, long>();
        while (reader.Read())
        {
            counts[(QuarantineReason)reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
