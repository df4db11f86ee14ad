using Microsoft.Data.Sqlite;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// Opens connections to the one database file, each set up the same way. Durability choice: WAL with
/// synchronous = FULL. An ack tells the device it may erase the frame from flash, so a commit must survive not only
/// SIGKILL (NORMAL in WAL mode would) but power loss, which in WAL mode needs the WAL fsynced at every commit — what
/// FULL does. Batching makes that one fsync per batch, not per frame.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    public SqliteConnectionFactory(SqliteStoreOptions options)
    {
        SecureFiles.PrepareDirectory(options.DataDirectory);
        SecureFiles.PrepareDatabaseFile(options.DatabasePath);
        _busyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        try
        {
            using SqliteCommand pragmas = connection.CreateCommand();
            pragmas.CommandText =
                $"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA foreign_keys = ON;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes pooled connections (so a test or the CLI can delete or move the file).</summary>
    public static void ClearPools() => SqliteConnection.ClearAllPools();
}
