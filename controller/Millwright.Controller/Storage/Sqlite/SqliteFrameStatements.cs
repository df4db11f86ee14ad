using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>The compiled statements of the ingest path.</summary>
internal sealed class SqliteFrameStatements : IDisposable
{
    private readonly PreparedCommand _insertFrame;
    private readonly PreparedCommand _existingFrame;
    private readonly SqliteReadingInserts _insertReadings;
    private readonly PreparedCommand _insertGap;
    private readonly PreparedCommand _upsertActivity;

    public SqliteFrameStatements(SqliteConnection connection)
    {
        // log_index is left to SQLite (the rowid): max + 1 under the write lock, so dense and in commit order.
        _insertFrame = new(connection,
            "INSERT INTO frames (device_key, epoch, seq, kind, key_generation, boot_counter, time_us, time_quality, received_at_us, raw) " +
            "VALUES ($d, $e, $s, $k, $g, $b, $t, $q, $r, $raw) ON CONFLICT (device_key, epoch, seq) DO NOTHING RETURNING log_index",
            "$d", "$e", "$s", "$k", "$g", "$b", "$t", "$q", "$r", "$raw");
        _existingFrame = new(connection,
            "SELECT log_index, raw FROM frames WHERE device_key = $d AND epoch = $e AND seq = $s", "$d", "$e", "$s");
        _insertReadings = new SqliteReadingInserts(connection);
        _insertGap = new(connection,
            "INSERT INTO gap_records (log_index, device_key, epoch, seq, first_dropped, last_dropped, reason, received_at_us) " +
            "VALUES ($l, $d, $e, $s, $f, $last, $reason, $r)",
            "$l", "$d", "$e", "$s", "$f", "$last", "$reason", "$r");
        // Plain CASE rather than max()/GREATEST so the statement is the same in SQLite and PostgreSQL.
        _upsertActivity = new(connection,
            """
            INSERT INTO device_activity (device_key, last_seen_us, last_epoch, last_seq, last_boot_counter, frames_stored)
            VALUES ($d, $seen, $e, $s, $b, $n)
            ON CONFLICT (device_key) DO UPDATE SET
              last_seen_us = CASE WHEN excluded.last_seen_us > device_activity.last_seen_us
                             THEN excluded.last_seen_us ELSE device_activity.last_seen_us END,
              last_epoch = CASE WHEN excluded.frames_stored > 0 AND (excluded.last_epoch > device_activity.last_epoch OR
                             (excluded.last_epoch = device_activity.last_epoch AND excluded.last_seq > device_activity.last_seq))
                           THEN excluded.last_epoch ELSE device_activity.last_epoch END,
              last_seq = CASE WHEN excluded.frames_stored > 0 AND (excluded.last_epoch > device_activity.last_epoch OR
                             (excluded.last_epoch = device_activity.last_epoch AND excluded.last_seq > device_activity.last_seq))
                         THEN excluded.last_seq ELSE device_activity.last_seq END,
              last_boot_counter = CASE WHEN excluded.frames_stored > 0 AND (excluded.last_epoch > device_activity.last_epoch OR
                             (excluded.last_epoch = device_activity.last_epoch AND excluded.last_seq > device_activity.last_seq))
                         THEN excluded.last_boot_counter ELSE device_activity.last_boot_counter END,
              frames_stored = device_activity.frames_stored + excluded.frames_stored
            """,
            "$d", "$seen", "$e", "$s", "$b", "$n");
    }

    public SqliteTransaction Transaction
    {
        set
        {
            _insertFrame.Transaction = value;
            _existingFrame.Transaction = value;
            _insertReadings.Transaction = value;
            _insertGap.Transaction = value;
            _upsertActivity.Transaction = value;
        }
    }

    /// <summary>The new log index, or null when (device, epoch, seq) is already stored.</summary>
    public long? InsertFrame(long deviceKey, FrameToStore frame) =>
        (long?)_insertFrame.Bind(
            deviceKey, frame.Epoch, frame.Sequence, (int)frame.Kind, frame.KeyGeneration, (long)frame.BootCounter,
            frame.TimeMicros, (int)frame.TimeQuality, UnixMicros.From(frame.ReceivedAt), frame.RawMessage).Scalar();

    public (long LogIndex, byte[] Raw) ExistingFrame(long deviceKey, int epoch, long sequence)
    {
        using SqliteDataReader reader = _existingFrame.Bind(deviceKey, epoch, sequence).Reader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"frame {deviceKey}/{epoch}/{sequence} conflicted but cannot be read back");
        }

        return (reader.GetInt64(0), reader.Bytes(1));
    }

    public void InsertReadings(long logIndex, long deviceKey, long frameTimeMicros, IReadOnlyList<FrameSample> samples) =>
        _insertReadings.Insert(logIndex, deviceKey, frameTimeMicros, samples);

    public void InsertGap(long logIndex, long deviceKey, FrameToStore frame, GapDeclaration gap) =>
        _insertGap.Bind(logIndex, deviceKey, frame.Epoch, frame.Sequence, gap.FirstDropped, gap.LastDropped, gap.Reason,
            UnixMicros.From(frame.ReceivedAt)).Execute();

    public void UpsertActivity(long deviceKey, ActivityDelta delta) =>
        _upsertActivity.Bind(deviceKey, delta.LastSeenMicros, delta.Epoch, delta.Sequence, (long)delta.BootCounter, delta.Stored).Execute();

    public void Dispose()
    {
        _insertFrame.Dispose();
        _existingFrame.Dispose();
        _insertReadings.Dispose();
        _insertGap.Dispose();
        _upsertActivity.Dispose();
    }
}
