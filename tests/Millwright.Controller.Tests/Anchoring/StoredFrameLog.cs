using Millwright.Controller.Anchoring;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Storage.Sqlite;
using Millwright.Controller.Tests.Storage;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>
/// The controller's real frame log for anchoring tests: a SQLite store in the harness's data directory (where the
/// controller keeps it), grown by storing frames of one device, with its head read by the production
/// <see cref="StoredLogHead"/>.
/// </summary>
internal sealed class StoredFrameLog : IMerkleLogHead, IAsyncDisposable
{
    private const string DeviceId = "anchored-node";
    private readonly StoredLogHead _head;

    private StoredFrameLog(SqliteControllerStore store)
    {
        Store = store;
        _head = new StoredLogHead(store);
    }

    public SqliteControllerStore Store { get; }

    public static async Task<StoredFrameLog> OpenAsync(string dataDirectory)
    {
        SqliteControllerStore store = await SqliteControllerStore.OpenAsync(dataDirectory, CancellationToken.None);
        if (await store.GetDeviceAsync(DeviceId, CancellationToken.None) is null)
        {
            await store.AddDeviceAsync(DeviceId, TestFrames.NewKey(), TestFrames.ReceivedAt, CancellationToken.None);
        }

        return new StoredFrameLog(store);
    }

    /// <summary>Stores frames until the log holds <paramref name="size"/> of them.</summary>
    public void Grow(long size)
    {
        long current = Store.GetLogSizeAsync(CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(size > current, $"the log already holds {current} frames");
        Assert.True(size - current <= 100_000, $"growing the stored log by {size - current} frames would take the test's memory: use a fake log head");
        Store.StoreFramesAsync(TestFrames.Range(DeviceId, current + 1, size), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The log's checkpoint at a past size.</summary>
    public async Task<LogCheckpoint> CheckpointOfAsync(long size) =>
        LogCheckpoint.FromRoot(size, await Store.GetLogRootAsync(size, CancellationToken.None));

    public async Task<IReadOnlyList<StoredFrame>> FramesAsync() =>
        await Store.GetFramesInLogOrderAsync(1, SqliteFrameQueries.MaxPageSize, CancellationToken.None);

    public ValueTask<LogCheckpoint?> GetHeadAsync(CancellationToken cancellationToken) => _head.GetHeadAsync(cancellationToken);

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
