using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Sqlite;

namespace Millwright.Controller.Tests.Storage;

/// <summary>A real SQLite store in its own temporary data directory, deleted afterwards.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private TempStore(string directory, SqliteControllerStore store, TimeProvider? time)
    {
        DataDirectory = directory;
        Store = store;
        Time = time;
    }

    public string DataDirectory { get; }

    public SqliteControllerStore Store { get; private set; }

    public TimeProvider? Time { get; }

    public string DatabasePath => Path.Combine(DataDirectory, SqliteStoreOptions.DatabaseFileName);

    public static async Task<TempStore> CreateAsync(TimeProvider? time = null)
    {
        string directory = NewDirectory();
        return new TempStore(directory, await SqliteControllerStore.OpenAsync(directory, CancellationToken.None, time), time);
    }

    /// <summary>A fresh path under the temp folder that does not exist yet.</summary>
    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "mw-store-" + Guid.NewGuid().ToString("N"));

    /// <summary>Closes this store and opens the same file again, as a restarted controller would.</summary>
    public async Task<SqliteControllerStore> ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await SqliteControllerStore.OpenAsync(DataDirectory, CancellationToken.None, Time);
        return Store;
    }

    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection of another test may still hold a handle for a moment; the temp folder is cleaned later.
        }
    }
}
