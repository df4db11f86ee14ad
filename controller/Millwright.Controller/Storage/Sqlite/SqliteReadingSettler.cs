using Microsoft.Data.Sqlite;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// Moves staged readings (readings_recent) into the clustered readings table, one slice of devices per step, in key
/// order, so that each index page a step dirties receives every reading a series gathered since the slice's last step
/// (see <see cref="SqliteSchema"/> for why). Each step is one short IMMEDIATE transaction, so ingest batches interleave
/// with it; a reading is in exactly one of the two tables at any committed moment, and queries read both.
/// </summary>
internal sealed class SqliteReadingSettler(int steps)
{
    private const string Move =
        "INSERT INTO readings (device_key, channel, time_us, reading_id, value, log_index) " +
        "SELECT device_key, channel, time_us, reading_id, value, log_index FROM readings_recent " +
        "WHERE device_key >= $lo AND device_key < $hi ORDER BY device_key, channel, time_us, reading_id";

    private const string Forget = "DELETE FROM readings_recent WHERE device_key >= $lo AND device_key < $hi";

    private long _nextDeviceKey = 1;

    /// <summary>Settles the next slice (1/steps of the device keys); returns the readings moved.</summary>
    public int Step(SqliteConnection connection)
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        long maxKey = (long)SqliteCommands.Scalar(connection, transaction, "SELECT COALESCE(MAX(device_key), 0) FROM devices")!;
        long width = Math.Max(1, (maxKey + steps - 1) / steps);
        long lo = _nextDeviceKey > maxKey ? 1 : _nextDeviceKey;
        long hi = lo + width;
        int moved = MoveRange(connection, transaction, lo, hi);
        transaction.Commit();
        _nextDeviceKey = hi > maxKey ? 1 : hi;
        return moved;
    }

    /// <summary>Settles everything staged (tests, maintenance).</summary>
    public static int All(SqliteConnection connection)
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        int moved = MoveRange(connection, transaction, long.MinValue, long.MaxValue);
        transaction.Commit();
        return moved;
    }

    private static int MoveRange(SqliteConnection connection, SqliteTransaction transaction, long lo, long hi)
    {
        int moved = SqliteCommands.Execute(connection, transaction, Move, ("$lo", lo), ("$hi", hi));
        int forgotten = SqliteCommands.Execute(connection, transaction, Forget, ("$lo", lo), ("$hi", hi));
        if (moved != forgotten)
        {
            throw new InvalidOperationException($"settling readings moved {moved} rows but would delete {forgotten}; rolled back");
        }

        return moved;
    }
}
