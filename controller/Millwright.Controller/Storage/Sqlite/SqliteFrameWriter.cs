using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// The ingest write path: one IMMEDIATE transaction per batch on the store's write connection, with every statement
/// compiled once. Exactly-once comes from the unique (device, epoch, seq) key: INSERT … ON CONFLICT DO NOTHING, and a
/// frame that was not inserted is compared with the stored one (duplicate or conflict). Each stored frame is appended
/// to the Merkle log in the same transaction, so the log and the frame table commit or roll back together. Used under
/// the store's write lock only.
/// </summary>
internal sealed class SqliteFrameWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SqliteSequenceStates _sequences;
    private readonly SqliteKeyCutOvers _cutOvers;
    private readonly SqliteFrameStatements _statements;
    private readonly SqliteMerkleAppender _merkle;
    private readonly Dictionary<string, long> _deviceKeys = new(StringComparer.Ordinal);

    public SqliteFrameWriter(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        _sequences = new SqliteSequenceStates(connection);
        _cutOvers = new SqliteKeyCutOvers(connection);
        _statements = new SqliteFrameStatements(connection);
        _merkle = new SqliteMerkleAppender(connection);
    }

    public StoreFramesResult Store(IReadOnlyList<FrameToStore> frames)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
        _merkle.Begin(transaction);
        try
        {
            return Store(transaction, frames);
        }
        catch
        {
            _merkle.Rollback();
            throw;
        }
    }

    /// <summary>
    /// Appends frames stored before the Merkle log existed (a database from before schema version 2) to the log, in
    /// log order, 10,000 per transaction; a no-op when the log is complete. A log longer than the frame table cannot
    /// come from this code and is refused.
    /// </summary>
    public long CatchUpMerkleLog()
    {
        long appended = 0;
        while (true)
        {
            using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
            _merkle.Begin(transaction);
            try
            {
                long frames = SqliteFrameQueries.Count(_connection, transaction);
                if (_merkle.Size > frames)
                {
                    throw new InvalidOperationException(
                        $"the Merkle log holds {_merkle.Size} leaves but the frame table only {frames} frames: the database is damaged");
                }

                if (_merkle.Size == frames)
                {
                    return appended;
                }

                foreach ((long logIndex, byte[] raw) in SqliteFrameQueries.RawInLogOrder(_connection, transaction, _merkle.Size + 1, 10_000))
                {
                    _merkle.Append(logIndex, raw);
                    appended++;
                }

                transaction.Commit();
            }
            catch
            {
                _merkle.Rollback();
                throw;
            }
        }
    }

    public void Dispose()
    {
        _sequences.Dispose();
        _cutOvers.Dispose();
        _statements.Dispose();
        _merkle.Dispose();
    }

    private StoreFramesResult Store(SqliteTransaction transaction, IReadOnlyList<FrameToStore> frames)
    {
        var outcomes = new FrameStoreOutcome[frames.Count];
        var touched = new Dictionary<(long, int), TouchedSequence>();
        var activity = new Dictionary<long, ActivityDelta>();
        _statements.Transaction = transaction;
        for (int i = 0; i < frames.Count; i++)
        {
            FrameToStore frame = frames[i];
            FrameValidation.Check(frame);
            long deviceKey = ResolveDevice(transaction, frame.DeviceId);
            if (!touched.TryGetValue((deviceKey, frame.Epoch), out TouchedSequence? sequence))
            {
                sequence = _sequences.Touch(transaction, deviceKey, frame.DeviceId, frame.Epoch);
                touched.Add((deviceKey, frame.Epoch), sequence);
            }

            outcomes[i] = StoreOne(deviceKey, frame, sequence.After);
            ref ActivityDelta delta = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(activity, deviceKey, out _);
            delta = delta.With(frame, outcomes[i].Status == FrameStoreStatus.Stored);
        }

        _sequences.Write(transaction, touched.Values);
        foreach ((long deviceKey, ActivityDelta delta) in activity)
        {
            _statements.UpsertActivity(deviceKey, delta);
        }

        bool retired = _cutOvers.RetirePassed(transaction, touched.Values, _time.GetUtcNow());
        transaction.Commit();

        _sequences.Committed(touched.Values);
        if (retired)
        {
            _cutOvers.Invalidate();
        }

        var watermarks = touched.Values
            .Select(s => new SequenceWatermark(s.DeviceId, s.Epoch, s.After.Contiguous, s.After.Highest, s.After.Islands.Count))
            .ToList();
        return new StoreFramesResult(outcomes, watermarks);
    }

    private FrameStoreOutcome StoreOne(long deviceKey, FrameToStore frame, SequenceCoverage coverage)
    {
        long? logIndex = _statements.InsertFrame(deviceKey, frame);
        if (logIndex is null)
        {
            (long existingIndex, byte[] existingBytes) = _statements.ExistingFrame(deviceKey, frame.Epoch, frame.Sequence);
            return existingBytes.AsSpan().SequenceEqual(frame.RawMessage)
                ? new FrameStoreOutcome(FrameStoreStatus.Duplicate, existingIndex)
                : new FrameStoreOutcome(FrameStoreStatus.Conflict, null);
        }

        _merkle.Append(logIndex.Value, frame.RawMessage);
        coverage.Add(frame.Sequence, frame.Sequence);
        if (frame.Gap is { } gap)
        {
            _statements.InsertGap(logIndex.Value, deviceKey, frame, gap);
            coverage.Add(gap.FirstDropped, gap.LastDropped);
        }
        else
        {
            _statements.InsertReadings(logIndex.Value, deviceKey, frame.TimeMicros, frame.Samples);
        }

        return new FrameStoreOutcome(FrameStoreStatus.Stored, logIndex);
    }

    private long ResolveDevice(SqliteTransaction transaction, string deviceId)
    {
        if (_deviceKeys.TryGetValue(deviceId, out long deviceKey))
        {
            return deviceKey;
        }

        // Devices are never deleted and their ids never change, so a resolved key stays valid.
        deviceKey = SqliteRegistryReads.DeviceKey(_connection, transaction, deviceId)
            ?? throw new ArgumentException($"frame of unknown device '{deviceId}': quarantine it instead of storing it", nameof(deviceId));
        _deviceKeys.Add(deviceId, deviceKey);
        return deviceKey;
    }
}
