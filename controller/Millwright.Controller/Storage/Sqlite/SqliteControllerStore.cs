using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// <see cref="IControllerStore"/> on one SQLite file in WAL mode (see <see cref="SqliteConnectionFactory"/> for the
/// durability choice). Writes go through one long-lived connection under a lock, with the ingest statements compiled
/// once; every write is an IMMEDIATE transaction, so writers in other processes (the CLI) wait their turn via the
/// busy timeout. Reads use pooled connections and never block the writer (WAL). Microsoft.Data.Sqlite is synchronous
/// underneath, so the async methods complete on the calling thread.
/// </summary>
public sealed class SqliteControllerStore : IControllerStore
{
    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteStoreOptions _options;
    private readonly SqliteReadingSettler _settler;
    private readonly CancellationTokenSource _stopping = new();
    private SqliteConnection? _writer;
    private SqliteFrameWriter? _frameWriter;
    private Task? _settling;
    private bool _disposed;
    private int _disposeStarted;

    public SqliteControllerStore(SqliteStoreOptions options, TimeProvider? time = null)
    {
        _options = options;
        _connections = new SqliteConnectionFactory(options);
        _time = time ?? TimeProvider.System;
        _settler = new SqliteReadingSettler(Math.Max(1, options.ReadingSettleSteps));
        DatabasePath = options.DatabasePath;
    }

    public string DatabasePath { get; }

    /// <summary>The last failure of the background reading settler (null when its last step succeeded). Staged readings
    /// stay queryable and are settled by a later step.</summary>
    public Exception? LastSettleError { get; private set; }

    /// <summary>Frames the last <see cref="MigrateAsync"/> found missing from the Merkle log and appended: non-zero only
    /// for a database written before the log existed (the log and the frames are otherwise written in one transaction).</summary>
    public long LeavesAppendedAtOpen { get; private set; }

    /// <summary>Opens the database under <paramref name="dataDirectory"/> (created 0700 if missing) and migrates it.</summary>
    public static Task<SqliteControllerStore> OpenAsync(string dataDirectory, CancellationToken cancellationToken, TimeProvider? time = null) =>
        OpenAsync(new SqliteStoreOptions(dataDirectory), cancellationToken, time);

    /// <summary>Opens the database with these options and migrates it.</summary>
    public static async Task<SqliteControllerStore> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var store = new SqliteControllerStore(options, time);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Migrates, then starts settling staged readings in the background (unless the options turn it off).</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        int version = await Write(cancellationToken: cancellationToken,
            write: connection => SqliteMigrator.Migrate(connection, SqliteSchema.Migrations, _time.GetUtcNow())).ConfigureAwait(false);
        LeavesAppendedAtOpen = await Write(cancellationToken: cancellationToken, write: connection => FrameWriter(connection).CatchUpMerkleLog()).ConfigureAwait(false);
        if (_options.ReadingSettleCycle > TimeSpan.Zero)
        {
            _settling ??= Task.Run(SettleContinuouslyAsync, CancellationToken.None);
        }

        return version;
    }

    /// <summary>Settles every staged reading now (tests and maintenance; the background loop does it in slices).</summary>
    public Task<int> SettleAllReadingsAsync(CancellationToken cancellationToken) =>
        Write(cancellationToken: cancellationToken, write: SqliteReadingSettler.All);

    public Task<bool> AddDeviceAsync(string deviceId, NewDeviceKey key, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        InTransaction(cancellationToken: cancellationToken, change: (c, t) => SqliteRegistryWrites.AddDevice(c, t, deviceId, key, createdAt));

    public Task<DeviceRecord?> GetDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteRegistryReads.Device(c, null, deviceId));

    public Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: SqliteRegistryReads.Devices);

    public Task<bool> SetDeviceEnabledAsync(string deviceId, bool enabled, DateTimeOffset at, CancellationToken cancellationToken) =>
        InTransaction(cancellationToken: cancellationToken, change: (c, t) => SqliteRegistryWrites.SetEnabled(c, t, deviceId, enabled, at));

    public Task<IReadOnlyList<DeviceKeyRecord>> GetDeviceKeysAsync(string deviceId, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteRegistryReads.Keys(c, deviceId));

    public Task<IReadOnlyList<DeviceKeyRecord>> ListKeysAsync(CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteRegistryReads.Keys(c, null));

    public Task<long> GetRegistryVersionAsync(CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteRegistryReads.RegistryVersion(c, null));

    public Task<DeviceKeyRecord?> RotateKeyAsync(string deviceId, NewDeviceKey key, long cutOverSequence, DateTimeOffset at, CancellationToken cancellationToken) =>
        InTransaction(cancellationToken: cancellationToken, change: (c, t) => SqliteRegistryWrites.Rotate(c, t, deviceId, key, cutOverSequence, at));

    public Task<DeviceKeyRecord?> ReplaceDeviceAsync(string deviceId, NewDeviceKey key, DateTimeOffset at, CancellationToken cancellationToken) =>
        InTransaction(cancellationToken: cancellationToken, change: (c, t) => SqliteRegistryWrites.Replace(c, t, deviceId, key, at));

    public Task<StoreFramesResult> StoreFramesAsync(IReadOnlyList<FrameToStore> frames, CancellationToken cancellationToken) =>
        Write(cancellationToken: cancellationToken, write: connection => FrameWriter(connection).Store(frames));

    public Task QuarantineAsync(IReadOnlyList<QuarantineEntry> entries, CancellationToken cancellationToken) =>
        InTransaction(cancellationToken: cancellationToken, change: (c, t) =>
        {
            SqliteQuarantine.Insert(c, t, entries);
            return true;
        });

    public Task<bool> UpdateDeviceHealthAsync(DeviceHealth health, CancellationToken cancellationToken) =>
        InTransaction(cancellationToken: cancellationToken, change: (c, t) =>
            SqliteRegistryReads.DeviceKey(c, t, health.DeviceId) is { } deviceKey && SqliteDeviceHealth.Upsert(c, t, deviceKey, health));

    public Task<IReadOnlyList<SequenceWatermark>> GetWatermarksAsync(string deviceId, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteDeviceQueries.Watermarks(c, deviceId));

    public Task<DeviceOverview?> GetDeviceOverviewAsync(string deviceId, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteDeviceQueries.Overviews(c, deviceId).SingleOrDefault());

    public Task<IReadOnlyList<DeviceOverview>> ListDeviceOverviewsAsync(CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteDeviceQueries.Overviews(c, null));

    public Task<ReadingsPage> GetReadingsAsync(ReadingsQuery query, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteFrameQueries.Readings(c, query));

    public Task<DeviceGaps> GetGapsAsync(string deviceId, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteDeviceQueries.Gaps(c, deviceId));

    public Task<QuarantinePage> GetQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteQuarantine.Page(c, query));

    public Task<IReadOnlyDictionary<QuarantineReason, long>> CountQuarantineByReasonAsync(CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: SqliteQuarantine.Counts);

    public Task<IReadOnlyList<StoredFrame>> GetFramesInLogOrderAsync(long fromLogIndex, int limit, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteFrameQueries.InLogOrder(c, fromLogIndex, limit));

    public Task<long> CountFramesAsync(CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: SqliteFrameQueries.Count);

    public Task<long> GetLogSizeAsync(CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteMerkleNodes.LeafCount(c, null));

    public Task<byte[]> GetLogRootAsync(long treeSize, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteMerkleQueries.Root(c, treeSize));

    public Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long leafIndex, long treeSize, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteMerkleQueries.Inclusion(c, leafIndex, treeSize));

    public Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteMerkleQueries.Consistency(c, oldSize, newSize));

    public Task<StoredFrame?> GetFrameAsync(long logIndex, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteFrameQueries.One(c, logIndex, null));

    public Task<StoredFrame?> FindFrameAsync(string deviceId, int epoch, long sequence, CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteFrameQueries.One(c, null, (deviceId, epoch, sequence)));

    public Task<ApiTokenRecord?> GetActiveApiTokenAsync(CancellationToken cancellationToken) =>
        Read(cancellationToken: cancellationToken, query: c => SqliteApiTokens.Active(c, null));

    public Task<bool> TryCreateApiTokenAsync(byte[] tokenHash, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        InTransaction(cancellationToken: cancellationToken, change: (c, t) => SqliteApiTokens.TryCreate(c, t, tokenHash, createdAt));

    public Task<ApiTokenRecord> RotateApiTokenAsync(byte[] tokenHash, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        InTransaction(cancellationToken: cancellationToken, change: (c, t) => SqliteApiTokens.Rotate(c, t, tokenHash, createdAt));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_settling is not null)
        {
            await _settling.ConfigureAwait(false);
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _frameWriter?.Dispose();
            _writer?.Dispose();
            _stopping.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task SettleContinuouslyAsync()
    {
        TimeSpan interval = _options.ReadingSettleCycle / Math.Max(1, _options.ReadingSettleSteps);
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await Write(cancellationToken: _stopping.Token, write: _settler.Step).ConfigureAwait(false);
                    LastSettleError = null;
                }
                catch (Exception e) when (e is SqliteException or InvalidOperationException)
                {
                    // Busy beyond the timeout, disk full…: nothing is lost (the readings stay staged and queryable).
                    LastSettleError = e;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private SqliteFrameWriter FrameWriter(SqliteConnection connection) => _frameWriter ??= new SqliteFrameWriter(connection, _time);

    private Task<T> Read<T>(Func<SqliteConnection, T> query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        using SqliteConnection connection = _connections.Open();
        return Task.FromResult(query(connection));
    }

    private Task<T> InTransaction<T>(Func<SqliteConnection, SqliteTransaction, T> change, CancellationToken cancellationToken) =>
        Write(cancellationToken: cancellationToken, write: connection =>
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            T result = change(connection, transaction);
            transaction.Commit();
            return result;
        });

    private async Task<T> Write<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= _connections.Open();
            return write(_writer);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
