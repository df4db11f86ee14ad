using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage;

/// <summary>
/// Everything the controller keeps: devices and their key generations, frames (raw signed bytes, kept forever for
/// proofs), decoded readings, gaps, quarantine, device status and API tokens. SQLite implements it today
/// (<c>Sqlite/SqliteControllerStore</c>); the PostgreSQL implementation of the scale-out issue will satisfy the same
/// contract and run the same tests. No SQL lives outside the Storage folder.
/// <para>
/// Identity of a record: a device's frames are unique per (device id, epoch, sequence). An epoch is a sequence space:
/// a replaced device (new node, new secret) starts a new epoch whose numbers restart at 1 without being replays; a
/// key rotation keeps the epoch (the device keeps counting) and moves to a new key generation with a cut-over.
/// </para>
/// <para>
/// Secrets: device secrets are stored in the database because the controller must verify MACs and derive the MQTT
/// password. They are protected by file permissions on Unix: the data directory is created 0700, and the database
/// file (hence its -wal/-shm files) is made 0600 at every open. Encryption at rest is future work. Secrets are never logged.
/// </para>
/// Every method is safe to call concurrently; writes are serialized inside the implementation.
/// </summary>
public interface IControllerStore : IMerkleLogStore, IAsyncDisposable
{
    /// <summary>Brings the schema to the newest version (numbered migrations, each in its own transaction); idempotent.
    /// Returns the schema version after migrating.</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);

    // ---- Devices and keys -------------------------------------------------------------------------------------

    /// <summary>Adds an enabled device with its first key (epoch 1, generation 1). False when the id exists.</summary>
    Task<bool> AddDeviceAsync(string deviceId, NewDeviceKey key, DateTimeOffset createdAt, CancellationToken cancellationToken);

    Task<DeviceRecord?> GetDeviceAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>All devices, ordered by id.</summary>
    Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken);

    /// <summary>False when the device does not exist.</summary>
    Task<bool> SetDeviceEnabledAsync(string deviceId, bool enabled, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every key generation of one device (retired ones too), newest generation first. Includes secrets.</summary>
    Task<IReadOnlyList<DeviceKeyRecord>> GetDeviceKeysAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Every key generation of every device, retired ones too (for loading the in-memory key cache).</summary>
    Task<IReadOnlyList<DeviceKeyRecord>> ListKeysAsync(CancellationToken cancellationToken);

    /// <summary>A counter that every registry change (add, enable/disable, rotate, replace, a key retired by its
    /// cut-over) increases in the same transaction. Another process (the CLI) may change the registry while the
    /// controller runs; the key cache polls this to know when to reload.</summary>
    Task<long> GetRegistryVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Key rotation, in one transaction: the current generation stays active but is accepted only for frames with
    /// sequence &lt; <paramref name="cutOverSequence"/> (in the same epoch); an older generation still pending its
    /// own cut-over is retired; the new generation becomes current in the same epoch. Null when the device does not
    /// exist. Throws <see cref="DuplicateKeyException"/> when the device already had a key with that key id.
    /// </summary>
    Task<DeviceKeyRecord?> RotateKeyAsync(string deviceId, NewDeviceKey key, long cutOverSequence, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Device replacement, in one transaction: every key generation of the device is retired with replaced-at set,
    /// and the new key starts the next epoch (sequence numbers restart at 1). History stays under the same device id.
    /// Null when the device does not exist. Throws <see cref="DuplicateKeyException"/> on a reused key id.
    /// </summary>
    Task<DeviceKeyRecord?> ReplaceDeviceAsync(string deviceId, NewDeviceKey key, DateTimeOffset at, CancellationToken cancellationToken);

    // ---- Ingest -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Stores a batch in ONE transaction, committed durably (it survives SIGKILL and power loss) before the task
    /// completes, so the caller may ack the returned watermarks. Each (device, epoch, sequence) is stored at most
    /// once: a frame already stored, or earlier in the same batch, is reported as a duplicate (or as a conflict when
    /// its bytes differ) and not stored. Stored frames get log indexes in commit order. Also updates each device's
    /// activity (last seen, last sequence, boot counter), retires a rotated-out key generation once every sequence
    /// below its cut-over is covered, and returns, for every (device, epoch) in the batch, the contiguous watermark
    /// after commit. Frames of unknown devices, or outside the protocol's ranges, must not be passed (throws
    /// <see cref="ArgumentException"/>, and nothing of the batch is stored). One process ingests into a database.
    /// </summary>
    Task<StoreFramesResult> StoreFramesAsync(IReadOnlyList<FrameToStore> frames, CancellationToken cancellationToken);

    /// <summary>Stores rejected messages, in one transaction. Raw bytes beyond
    /// <see cref="QuarantineEntry.MaxStoredBytes"/> are truncated (the original length is kept).</summary>
    Task QuarantineAsync(IReadOnlyList<QuarantineEntry> entries, CancellationToken cancellationToken);

    /// <summary>Keeps the newest status of a device by (boot counter, status time), as protocol §9 asks. False when
    /// the update is older than the stored one or the device is unknown.</summary>
    Task<bool> UpdateDeviceHealthAsync(DeviceHealth health, CancellationToken cancellationToken);

    // ---- Queries ----------------------------------------------------------------------------------------------

    /// <summary>The contiguous watermark of every epoch of a device (what to ack), oldest epoch first.</summary>
    Task<IReadOnlyList<SequenceWatermark>> GetWatermarksAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Last seen, last sequence, health and watermarks of one device; null when unknown.</summary>
    Task<DeviceOverview?> GetDeviceOverviewAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Overviews of every device, ordered by id.</summary>
    Task<IReadOnlyList<DeviceOverview>> ListDeviceOverviewsAsync(CancellationToken cancellationToken);

    /// <summary>Readings of one device in [from, to), ordered by (time, reading id), keyset-paged.</summary>
    Task<ReadingsPage> GetReadingsAsync(ReadingsQuery query, CancellationToken cancellationToken);

    /// <summary>Open gaps (missing ranges below the highest stored sequence) and declared losses (stored gap
    /// records) of one device, every epoch.</summary>
    Task<DeviceGaps> GetGapsAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Quarantined messages, newest first, keyset-paged by id.</summary>
    Task<QuarantinePage> GetQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken);

    /// <summary>How many messages were quarantined for each reason (reasons with none are absent).</summary>
    Task<IReadOnlyDictionary<QuarantineReason, long>> CountQuarantineByReasonAsync(CancellationToken cancellationToken);

    /// <summary>Stored frames in storage (log index) order, from <paramref name="fromLogIndex"/> on: the feed of
    /// the Merkle log.</summary>
    Task<IReadOnlyList<StoredFrame>> GetFramesInLogOrderAsync(long fromLogIndex, int limit, CancellationToken cancellationToken);

    /// <summary>Number of stored frames (= the highest log index, as indexes are dense from 1).</summary>
    Task<long> CountFramesAsync(CancellationToken cancellationToken);

    // ---- API tokens (only a hash of the bearer token is stored) -------------------------------------------------

    /// <summary>The active token, or null before the first start created one.</summary>
    Task<ApiTokenRecord?> GetActiveApiTokenAsync(CancellationToken cancellationToken);

    /// <summary>Creates the first token unless one is active (race-safe: two starting processes create one). True when
    /// this call created it.</summary>
    Task<bool> TryCreateApiTokenAsync(byte[] tokenHash, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>Revokes the active token and makes this one active, in one transaction.</summary>
    Task<ApiTokenRecord> RotateApiTokenAsync(byte[] tokenHash, DateTimeOffset createdAt, CancellationToken cancellationToken);
}
