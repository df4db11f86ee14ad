using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Sqlite;

namespace Millwright.Controller.Tests.Storage;

public sealed class SqliteMigrationTests
{
    [Fact]
    public async Task MigratesAnEmptyDirectoryToTheNewestSchema()
    {
        await using TempStore temp = await TempStore.CreateAsync();

        Assert.True(File.Exists(temp.DatabasePath));
        using SqliteConnection raw = temp.OpenRawConnection();
        Assert.Equal(SqliteSchema.Migrations[^1].Version, SqliteMigrator.CurrentVersion(raw, null));
        var tables = new List<string>();
        using (SqliteCommand command = raw.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Superset(
            new HashSet<string> { "schema_version", "devices", "device_keys", "frames", "readings", "gap_records", "sequence_state", "quarantine", "api_tokens" },
            tables.ToHashSet());
    }

    [Fact]
    public async Task RunningMigrationsAgainChangesNothing()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        await temp.Store.AddDeviceAsync("press-01", TestFrames.NewKey(), TestFrames.ReceivedAt, CancellationToken.None);
        await temp.Store.StoreFramesAsync(TestFrames.Range("press-01", 1, 3), CancellationToken.None);

        int again = await temp.Store.MigrateAsync(CancellationToken.None);
        await temp.ReopenAsync();

        Assert.Equal(SqliteSchema.Migrations[^1].Version, again);
        using SqliteConnection raw = temp.OpenRawConnection();
        using SqliteCommand count = raw.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM schema_version";
        Assert.Equal((long)SqliteSchema.Migrations.Count, (long)count.ExecuteScalar()!);
        Assert.Equal(3, await temp.Store.CountFramesAsync(CancellationToken.None));
        Assert.Equal(3, (await temp.Store.GetWatermarksAsync("press-01", CancellationToken.None)).Single().ContiguousSequence);
    }

    [Fact]
    public async Task TwoStoresMigratingTheSameFileAtOnceApplyEachStepOnce()
    {
        string directory = TempStore.NewDirectory();
        Task<SqliteControllerStore>[] opening = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(() => SqliteControllerStore.OpenAsync(directory, CancellationToken.None)))];
        SqliteControllerStore[] stores = await Task.WhenAll(opening);
        foreach (SqliteControllerStore store in stores)
        {
            await store.DisposeAsync();
        }

        await using SqliteControllerStore reopened = await SqliteControllerStore.OpenAsync(directory, CancellationToken.None);
        Assert.Empty(await reopened.ListDevicesAsync(CancellationToken.None));
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task RefusesADatabaseFromANewerController()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        using (SqliteConnection raw = temp.OpenRawConnection())
        using (SqliteCommand command = raw.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_version (version, description, applied_at_us) VALUES (9999, 'from the future', 0)";
            command.ExecuteNonQuery();
        }

        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() => temp.Store.MigrateAsync(CancellationToken.None));
        Assert.Contains("9999", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsesWalAndFullSynchronousOnEveryConnection()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var factory = new SqliteConnectionFactory(new SqliteStoreOptions(temp.DataDirectory));
        using SqliteConnection connection = factory.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)command.ExecuteScalar()!);
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, (long)command.ExecuteScalar()!); // 2 = FULL
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(30_000L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task TheDatabaseIsReadableByItsOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only");
        await using TempStore temp = await TempStore.CreateAsync();
        await temp.Store.AddDeviceAsync("press-01", TestFrames.NewKey(), TestFrames.ReceivedAt, CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(temp.DataDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.DatabasePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.DatabasePath + "-wal"));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task TightensAnExistingDatabaseFileThatOthersCouldRead()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only");
        await using TempStore temp = await TempStore.CreateAsync();
        await temp.Store.DisposeAsync();
        File.SetUnixFileMode(temp.DatabasePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await temp.ReopenAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.DatabasePath));
        Assert.Empty(await temp.Store.ListDevicesAsync(CancellationToken.None));
    }
}
