using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// The ingest write path: one IMMEDIATE transaction per batch on the store's write connection, with every statement
/// compiled once. Exactly-once comes from the unique (device, epoch, seq) key: INSERT … ON CONFLICT DO NOTHING, and a
/// frame that was not inserted is compared with the stored one (duplicate or conflict). Used under the store's write
/// lock only.
/// </summary>
internal sealed class SqliteFrameWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SqliteSequenceStates _sequences;
    private readonly SqliteKeyCutOvers _cutOvers;
    private readonly SqliteFrameStatements _statements;
    private readonly Dictionary<string, long> _deviceKeys = new(StringComparer.Ordinal);

    public SqliteFrameWriter(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
        _sequences = new SqliteSequenceStates(connection);
        _cutOvers = new SqliteKeyCutOvers(connection);
        _statements = new SqliteFrameStatements(connection);
    }

    public StoreFramesResult Store(IReadOnlyList<FrameToStore> frames)
    {
        var outcomes = new FrameStoreOutcome[frames.Count];
        var touched = new Dictionary<(long, int), TouchedSequence>();
        var activity = new Dictionary<long, ActivityDelta>();
        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
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

    public void Dispose()
    {
        _sequences.Dispose();
        _cutOvers.Dispose();
        _statements.Dispose();
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
