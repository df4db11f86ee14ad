namespace Millwright.Controller.Storage.Sqlite;

/// <summary>Where the SQLite database lives and how long a statement waits for a lock held by another connection.</summary>
public sealed record SqliteStoreOptions(string DataDirectory)
{
    public const string DatabaseFileName = "millwright.db";

    /// <summary>How long a connection waits on a lock (SQLite busy timeout) before the operation fails.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);
}
