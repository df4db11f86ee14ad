namespace Millwright.Controller.Storage.Sqlite;

/// <summary>Where the SQLite database lives and how long a statement waits for a lock held by another connection.</summary>
public sealed record SqliteStoreOptions(string DataDirectory)
{
    public const string DatabaseFileName = "millwright.db";

    /// <summary>How long a connection waits on a lock (SQLite busy timeout) before the operation fails.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a reading stays staged before it is settled into the clustered readings table (see
    /// SqliteSchema). Longer cycles write fewer pages per reading; zero turns settling off (short-lived tools such as
    /// the CLI: readings stay queryable either way).</summary>
    public TimeSpan ReadingSettleCycle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Device slices per cycle: more steps mean shorter pauses of the writer per step.</summary>
    public int ReadingSettleSteps { get; init; } = 16;

    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);
}
