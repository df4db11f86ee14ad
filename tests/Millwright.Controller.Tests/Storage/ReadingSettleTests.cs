using Millwright.Controller.Storage.Records;
using Millwright.Controller.Storage.Sqlite;

namespace Millwright.Controller.Tests.Storage;

/// <summary>Readings are staged at ingest and settled into the clustered table later; a query must not be able to
/// tell the difference, and a paging cursor must survive a settle between two pages.</summary>
public sealed class ReadingSettleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task QueriesAnswerTheSameBeforeAndAfterSettling()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a", "b");
        await temp.Store.StoreFramesAsync([.. TestFrames.Range("a", 1, 30), .. TestFrames.Range("b", 1, 30)], None);
        var query = new ReadingsQuery("a", 0, long.MaxValue, 1000);
        ReadingsPage staged = await temp.Store.GetReadingsAsync(query, None);

        int moved = await temp.Store.SettleAllReadingsAsync(None);
        ReadingsPage settled = await temp.Store.GetReadingsAsync(query, None);

        Assert.Equal(360, moved);
        Assert.Equal(180, staged.Items.Count);
        Assert.Equal(staged.Items, settled.Items);
        Assert.Equal(0, await temp.Store.SettleAllReadingsAsync(None));
    }

    [Fact]
    public async Task ACursorStaysValidWhenItsReadingsAreSettledBetweenPages()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 20), None);
        ReadingsPage first = await temp.Store.GetReadingsAsync(new ReadingsQuery("a", 0, long.MaxValue, 50), None);

        await temp.Store.SettleAllReadingsAsync(None);
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 21, 25), None); // some staged, some settled
        var rest = new List<Reading>();
        ReadingCursor? after = first.Next;
        while (after is not null)
        {
            ReadingsPage page = await temp.Store.GetReadingsAsync(new ReadingsQuery("a", 0, long.MaxValue, 50) { After = after }, None);
            rest.AddRange(page.Items);
            after = page.Next;
        }

        List<Reading> all = [.. first.Items, .. rest];
        Assert.Equal(150, all.Count);
        Assert.Equal(all.Count, all.Select(r => r.ReadingId).Distinct().Count());
        Assert.Equal(all.OrderBy(r => r.TimeMicros).ThenBy(r => r.ReadingId), all);
    }

    [Fact]
    public async Task TheBackgroundSettlerMovesEverythingWithinACycle()
    {
        string directory = TempStore.NewDirectory();
        var options = new SqliteStoreOptions(directory) { ReadingSettleCycle = TimeSpan.FromMilliseconds(400), ReadingSettleSteps = 4 };
        await using (SqliteControllerStore store = await SqliteControllerStore.OpenAsync(options, None))
        {
            for (int d = 0; d < 10; d++)
            {
                await store.AddDeviceAsync($"d{d}", TestFrames.NewKey(), TestFrames.ReceivedAt, None);
            }

            await store.StoreFramesAsync([.. Enumerable.Range(0, 10).SelectMany(d => TestFrames.Range($"d{d}", 1, 5))], None);
            Assert.Equal(300, CountStaged(directory));
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (CountStaged(directory) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.Equal(0, CountStaged(directory));
            Assert.Null(store.LastSettleError);
            Assert.Equal(30, (await store.GetReadingsAsync(new ReadingsQuery("d3", 0, long.MaxValue, 1000), None)).Items.Count);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static long CountStaged(string directory)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, SqliteStoreOptions.DatabaseFileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM readings_recent";
        return (long)command.ExecuteScalar()!;
    }
}
