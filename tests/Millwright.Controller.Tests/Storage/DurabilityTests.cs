using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Tests.Storage;

/// <summary>
/// What is on disk when a writer dies: committed batches are there, an uncommitted one is not, and the store carries
/// on. Three angles: the files as they were at the moment of a crash (copied mid-transaction), a real process killed
/// with SIGKILL while it holds the write transaction, and the `millwright` CLI killed at random moments while it
/// registers devices (each registration is all or nothing).
/// </summary>
public sealed class DurabilityTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FilesCopiedMidTransactionRecoverToTheLastCommit()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 100), None);
        string crashCopy = TempStore.NewDirectory();
        Directory.CreateDirectory(crashCopy);
        long walAfterCommit = new FileInfo(temp.DatabasePath + "-wal").Length;

        using (SqliteConnection writer = temp.OpenRawConnection())
        {
            Execute(writer, "PRAGMA cache_size = 2"); // spill uncommitted pages into the WAL, as a long batch would
            using SqliteTransaction open = writer.BeginTransaction(deferred: false);
            InsertRawFrames(writer, open, firstSequence: 101, count: 2000);
            long walMidTransaction = new FileInfo(temp.DatabasePath + "-wal").Length;
            Assert.True(walMidTransaction > walAfterCommit, "the uncommitted batch must have reached the WAL file for this test to mean anything");

            // The disk as a power cut or SIGKILL would leave it: database and WAL, no shared-memory index.
            File.Copy(temp.DatabasePath, Path.Combine(crashCopy, Path.GetFileName(temp.DatabasePath)));
            File.Copy(temp.DatabasePath + "-wal", Path.Combine(crashCopy, Path.GetFileName(temp.DatabasePath) + "-wal"));
        }

        await using var recovered = await Millwright.Controller.Storage.Sqlite.SqliteControllerStore.OpenAsync(crashCopy, None);
        Assert.Equal(100, await recovered.CountFramesAsync(None));
        StoreFramesResult next = await recovered.StoreFramesAsync([TestFrames.Readings("a", 101)], None);
        Assert.Equal((FrameStoreStatus.Stored, 101L), (next.Outcomes.Single().Status, next.Outcomes.Single().LogIndex!.Value));
        Assert.Equal(101, next.Watermarks.Single().ContiguousSequence);
        await recovered.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(crashCopy, recursive: true);
    }

    [Fact]
    public async Task AWriterKilledWithSigkillMidTransactionLeavesOnlyCommittedFrames()
    {
        string sqlite3 = ExternalTool.Require("sqlite3", "a second process must hold the write transaction when it is killed");
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 10), None);

        var start = new ProcessStartInfo(sqlite3, [temp.DatabasePath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process child = Process.Start(start)!;
        try
        {
            // Frames 11..510 inside an open transaction; "ready" is printed only after every insert ran.
            child.StandardInput.WriteLine(".timeout 10000");
            child.StandardInput.WriteLine("BEGIN IMMEDIATE;");
            child.StandardInput.WriteLine(
                "WITH RECURSIVE s(n) AS (SELECT 11 UNION ALL SELECT n + 1 FROM s WHERE n < 510) " +
                "INSERT INTO frames (device_key, epoch, seq, kind, key_generation, boot_counter, time_us, time_quality, received_at_us, raw) " +
                "SELECT 1, 1, n, 1, 1, 1, 0, 1, 0, randomblob(130) FROM s;");
            child.StandardInput.WriteLine("SELECT 'ready';");
            child.StandardInput.Flush();
            Task<string?> line = child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask();
            Assert.True(await Task.WhenAny(line, Task.Delay(ChildTimeout, TestContext.Current.CancellationToken)) == line, "sqlite3 did not report its open transaction in time");
            Assert.Equal("ready", await line);
            AssertWriteLockHeldElsewhere(temp); // the child is mid-transaction when it dies
            Assert.Equal(10, await temp.Store.CountFramesAsync(None)); // its frames are not visible to anyone else
        }
        finally
        {
            child.Kill(); // SIGKILL on Unix: no rollback, no cleanup
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(10, await temp.Store.CountFramesAsync(None)); // and they did not survive it
        StoreFramesResult after = await temp.Store.StoreFramesAsync(TestFrames.Range("a", 11, 12), None);
        Assert.All(after.Outcomes, o => Assert.Equal(FrameStoreStatus.Stored, o.Status));
        Assert.Equal(12, after.Watermarks.Single().ContiguousSequence);
    }

    [Fact]
    public async Task ARegistrationKilledAtAnyMomentIsAllOrNothing()
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "millwright.dll");
        string dataDirectory = TempStore.NewDirectory();
        var random = new Random(7);
        var outputs = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            var start = new ProcessStartInfo("dotnet", ["exec", cli, "device", "add", $"node-{i}", "--data-dir", dataDirectory])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process child = Process.Start(start)!;
            Task<string> stdout = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            // Some die before, some during, some after their transaction; the assertion holds for every case.
            bool exited = child.WaitForExit(random.Next(50, 600));
            if (!exited)
            {
                child.Kill();
            }

            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
            outputs.Add(await stdout);
        }

        if (!File.Exists(Path.Combine(dataDirectory, "millwright.db")))
        {
            Assert.All(outputs, o => Assert.DoesNotContain("secret:", o, StringComparison.Ordinal));
            return;
        }

        await using (var store = await Millwright.Controller.Storage.Sqlite.SqliteControllerStore.OpenAsync(dataDirectory, None))
        {
            for (int i = 0; i < 6; i++)
            {
                DeviceRecord? device = await store.GetDeviceAsync($"node-{i}", None);
                IReadOnlyList<DeviceKeyRecord> keys = await store.GetDeviceKeysAsync($"node-{i}", None);
                Assert.Equal(device is null ? 0 : 1, keys.Count);
                if (outputs[i].Contains("secret:", StringComparison.Ordinal))
                {
                    Assert.NotNull(device); // a secret was shown only after its commit
                }
            }
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static void AssertWriteLockHeldElsewhere(TempStore temp)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = temp.DatabasePath, Pooling = false, DefaultTimeout = 1 };
        using var probe = new SqliteConnection(builder.ToString());
        probe.Open();
        Execute(probe, "PRAGMA busy_timeout = 0");
        SqliteException busy = Assert.Throws<SqliteException>(() => Execute(probe, "BEGIN IMMEDIATE"));
        Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY
    }

    private static void InsertRawFrames(SqliteConnection connection, SqliteTransaction transaction, long firstSequence, int count)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            "INSERT INTO frames (device_key, epoch, seq, kind, key_generation, boot_counter, time_us, time_quality, received_at_us, raw) " +
            "VALUES (1, 1, $s, 1, 1, 1, 0, 1, 0, zeroblob(2000))";
        SqliteParameter sequence = insert.Parameters.Add("$s", SqliteType.Integer);
        for (long s = firstSequence; s < firstSequence + count; s++)
        {
            sequence.Value = s;
            insert.ExecuteNonQuery();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
