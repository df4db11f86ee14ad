using Microsoft.Data.Sqlite;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// Persists each (device, epoch)'s coverage: one sequence_state row (contiguous watermark, highest, island count) and
/// the islands above the watermark. A cache keeps the committed coverage in memory, so the ingest path reads nothing
/// back; it is updated only after a commit. Only one process ingests into a database (the controller); other
/// processes (the CLI) never write frames.
/// </summary>
internal sealed class SqliteSequenceStates : IDisposable
{
    private readonly Dictionary<(long DeviceKey, int Epoch), SequenceCoverage> _committed = [];
    private readonly PreparedCommand _selectState;
    private readonly PreparedCommand _selectIslands;
    private readonly PreparedCommand _upsertState;
    private readonly PreparedCommand _deleteIslands;
    private readonly PreparedCommand _insertIsland;

    public SqliteSequenceStates(SqliteConnection connection)
    {
        _selectState = new(connection, "SELECT contiguous_seq FROM sequence_state WHERE device_key = $d AND epoch = $e", "$d", "$e");
        _selectIslands = new(connection,
            "SELECT first_seq, last_seq FROM sequence_islands WHERE device_key = $d AND epoch = $e ORDER BY first_seq", "$d", "$e");
        _upsertState = new(connection,
            "INSERT INTO sequence_state (device_key, epoch, contiguous_seq, highest_seq, island_count) VALUES ($d, $e, $c, $h, $n) " +
            "ON CONFLICT (device_key, epoch) DO UPDATE SET contiguous_seq = excluded.contiguous_seq, " +
            "highest_seq = excluded.highest_seq, island_count = excluded.island_count",
            "$d", "$e", "$c", "$h", "$n");
        _deleteIslands = new(connection, "DELETE FROM sequence_islands WHERE device_key = $d AND epoch = $e", "$d", "$e");
        _insertIsland = new(connection,
            "INSERT INTO sequence_islands (device_key, epoch, first_seq, last_seq) VALUES ($d, $e, $f, $l)", "$d", "$e", "$f", "$l");
    }

    public TouchedSequence Touch(SqliteTransaction transaction, long deviceKey, string deviceId, int epoch)
    {
        if (!_committed.TryGetValue((deviceKey, epoch), out SequenceCoverage? coverage))
        {
            coverage = Load(transaction, deviceKey, epoch);
        }

        return new TouchedSequence(deviceKey, deviceId, epoch, coverage);
    }

    public void Write(SqliteTransaction transaction, IEnumerable<TouchedSequence> touched)
    {
        SetTransaction(transaction);
        foreach (TouchedSequence sequence in touched)
        {
            if (!sequence.Changed)
            {
                continue;
            }

            SequenceCoverage after = sequence.After;
            _upsertState.Bind(sequence.DeviceKey, sequence.Epoch, after.Contiguous, after.Highest, after.Islands.Count).Execute();
            if (sequence.IslandsChanged)
            {
                _deleteIslands.Bind(sequence.DeviceKey, sequence.Epoch).Execute();
                foreach (SequenceRange island in after.Islands)
                {
                    _insertIsland.Bind(sequence.DeviceKey, sequence.Epoch, island.First, island.Last).Execute();
                }
            }
        }
    }

    /// <summary>After commit: the batch's coverage becomes the cached truth.</summary>
    public void Committed(IEnumerable<TouchedSequence> touched)
    {
        foreach (TouchedSequence sequence in touched)
        {
            _committed[(sequence.DeviceKey, sequence.Epoch)] = sequence.After;
        }
    }

    public void Dispose()
    {
        _selectState.Dispose();
        _selectIslands.Dispose();
        _upsertState.Dispose();
        _deleteIslands.Dispose();
        _insertIsland.Dispose();
    }

    private SequenceCoverage Load(SqliteTransaction transaction, long deviceKey, int epoch)
    {
        SetTransaction(transaction);
        long contiguous = (long?)_selectState.Bind(deviceKey, epoch).Scalar() ?? 0;
        var islands = new List<SequenceRange>();
        using (SqliteDataReader reader = _selectIslands.Bind(deviceKey, epoch).Reader())
        {
            while (reader.Read())
            {
                islands.Add(new SequenceRange(reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        return new SequenceCoverage(contiguous, islands);
    }

    private void SetTransaction(SqliteTransaction transaction)
    {
        _selectState.Transaction = transaction;
        _selectIslands.Transaction = transaction;
        _upsertState.Transaction = transaction;
        _deleteIslands.Transaction = transaction;
        _insertIsland.Transaction = transaction;
    }
}
