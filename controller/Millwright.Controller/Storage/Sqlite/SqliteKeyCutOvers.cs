using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// Retires a rotated-out key generation once its cut-over is passed: every sequence below the cut-over is covered
/// (contiguous watermark ≥ cut-over − 1), so nothing it may still sign can be accepted. The pending cut-overs are
/// cached and reloaded whenever the registry version changes (another process may have rotated a key).
/// </summary>
internal sealed class SqliteKeyCutOvers(SqliteConnection connection) : IDisposable
{
    private readonly PreparedCommand _version = new(connection, "SELECT version FROM registry_version WHERE id = 1");
    private readonly PreparedCommand _retire = new(connection,
        $"UPDATE device_keys SET state = {(int)KeyState.Retired}, retired_at_us = $t WHERE device_key = $d AND epoch = $e " +
        $"AND state = {(int)KeyState.Active} AND accepted_below_seq IS NOT NULL AND accepted_below_seq - 1 <= $c",
        "$t", "$d", "$e", "$c");

    private Dictionary<(long DeviceKey, int Epoch), long> _pending = [];
    private long _loadedVersion = -1;

    /// <summary>Retires what the batch passed; true when any generation was retired (the registry version was bumped).</summary>
    public bool RetirePassed(SqliteTransaction transaction, IEnumerable<TouchedSequence> touched, DateTimeOffset now)
    {
        _version.Transaction = transaction;
        _retire.Transaction = transaction;
        long version = (long)_version.Scalar()!;
        if (version != _loadedVersion)
        {
            _pending = LoadPending(transaction);
            _loadedVersion = version;
        }

        bool retired = false;
        foreach (TouchedSequence sequence in touched)
        {
            if (_pending.TryGetValue((sequence.DeviceKey, sequence.Epoch), out long cutOver) && sequence.After.Contiguous >= cutOver - 1)
            {
                retired |= _retire.Bind(UnixMicros.From(now), sequence.DeviceKey, sequence.Epoch, sequence.After.Contiguous).Execute() > 0;
            }
        }

        if (retired)
        {
            SqliteRegistryWrites.BumpVersion(connection, transaction);
        }

        return retired;
    }

    /// <summary>After a commit that retired keys, or a rolled-back batch: reload on the next batch.</summary>
    public void Invalidate() => _loadedVersion = -1;

    public void Dispose()
    {
        _version.Dispose();
        _retire.Dispose();
    }

    private Dictionary<(long, int), long> LoadPending(SqliteTransaction transaction)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, transaction,
            "SELECT device_key, epoch, MIN(accepted_below_seq) FROM device_keys " +
            $"WHERE state = {(int)KeyState.Active} AND accepted_below_seq IS NOT NULL GROUP BY device_key, epoch");
        using SqliteDataReader reader = command.ExecuteReader();
        var pending = new Dictionary<(long, int), long>();
        while (reader.Read())
        {
            pending[(reader.GetInt64(0), reader.GetInt32(1))] = reader.GetInt64(2);
        }

        return pending;
    }
}
