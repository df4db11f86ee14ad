namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// The numbered migrations, oldest first. Never edit a released step: add a new one. The SQLite dialect bits are
/// here: INTEGER PRIMARY KEY (the rowid; PostgreSQL: bigint identity), BLOB (bytea), REAL (real). Times are µs since
/// the Unix epoch. Booleans are 0/1. A NULL reading value stands for NaN, which SQLite cannot store in a REAL.
/// frames.log_index is the rowid: rows are never deleted, so it is dense from 1, and SQLite's single writer assigns it
/// in commit order (PostgreSQL will need a serialized writer or a counter row to keep that promise).
/// <para>
/// Readings are written in two stages (see <see cref="SqliteReadingSettler"/>): the ingest transaction appends them to
/// readings_recent (no index: appends touch a handful of pages per commit), and they are moved in key order into
/// readings (clustered by device, channel, time) a few seconds later. Indexing them at ingest dirtied one index page
/// per series per commit — thousands of 4 KB pages written to the WAL and checkpointed per batch at 1,000 devices —
/// which cut sustained throughput by about eight times as the table grew. reading_id = log_index * 64 + sample index:
/// unique, increasing in commit order, and unchanged by the move, so paging cursors stay valid.
/// </para>
/// <para>
/// merkle_nodes holds the frame log's RFC 9162 tree: node (level, idx) is the hash of leaves [idx·2^level,
/// (idx+1)·2^level), level 0 being the leaf hashes (leaf index = log_index − 1). Written in the ingest transaction
/// (<see cref="SqliteMerkleAppender"/>), about two rows per frame; never updated or deleted.
/// </para>
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new(1, "devices, keys, frames, readings, gaps, sequence state, quarantine, health, API tokens",
            """
            CREATE TABLE registry_version (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
            INSERT INTO registry_version (id, version) VALUES (1, 0);

            CREATE TABLE devices (
                device_key INTEGER NOT NULL PRIMARY KEY,
                device_id TEXT NOT NULL UNIQUE,
                enabled INTEGER NOT NULL,
                created_at_us INTEGER NOT NULL,
                disabled_at_us INTEGER NULL,
                current_epoch INTEGER NOT NULL,
                current_generation INTEGER NOT NULL);

            CREATE TABLE device_keys (
                device_key INTEGER NOT NULL REFERENCES devices (device_key),
                generation INTEGER NOT NULL,
                epoch INTEGER NOT NULL,
                key_id BLOB NOT NULL,
                secret BLOB NOT NULL,
                state INTEGER NOT NULL,
                created_at_us INTEGER NOT NULL,
                valid_from_seq INTEGER NULL,
                accepted_below_seq INTEGER NULL,
                retired_at_us INTEGER NULL,
                replaced_at_us INTEGER NULL,
                PRIMARY KEY (device_key, generation),
                UNIQUE (device_key, key_id));

            CREATE TABLE frames (
                log_index INTEGER NOT NULL PRIMARY KEY,
                device_key INTEGER NOT NULL REFERENCES devices (device_key),
                epoch INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                key_generation INTEGER NOT NULL,
                boot_counter INTEGER NOT NULL,
                time_us INTEGER NOT NULL,
                time_quality INTEGER NOT NULL,
                received_at_us INTEGER NOT NULL,
                raw BLOB NOT NULL,
                UNIQUE (device_key, epoch, seq));

            CREATE TABLE readings_recent (
                reading_id INTEGER NOT NULL PRIMARY KEY,
                device_key INTEGER NOT NULL,
                channel INTEGER NOT NULL,
                time_us INTEGER NOT NULL,
                value REAL NULL,
                log_index INTEGER NOT NULL);

            CREATE TABLE readings (
                device_key INTEGER NOT NULL,
                channel INTEGER NOT NULL,
                time_us INTEGER NOT NULL,
                reading_id INTEGER NOT NULL,
                value REAL NULL,
                log_index INTEGER NOT NULL,
                PRIMARY KEY (device_key, channel, time_us, reading_id)) WITHOUT ROWID;
            CREATE INDEX readings_by_device_time ON readings (device_key, time_us);

            CREATE TABLE gap_records (
                log_index INTEGER NOT NULL PRIMARY KEY,
                device_key INTEGER NOT NULL,
                epoch INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                first_dropped INTEGER NOT NULL,
                last_dropped INTEGER NOT NULL,
                reason INTEGER NOT NULL,
                received_at_us INTEGER NOT NULL);
            CREATE INDEX gap_records_by_device ON gap_records (device_key, epoch, seq);

            CREATE TABLE sequence_state (
                device_key INTEGER NOT NULL,
                epoch INTEGER NOT NULL,
                contiguous_seq INTEGER NOT NULL,
                highest_seq INTEGER NOT NULL,
                island_count INTEGER NOT NULL,
                PRIMARY KEY (device_key, epoch));

            CREATE TABLE sequence_islands (
                device_key INTEGER NOT NULL,
                epoch INTEGER NOT NULL,
                first_seq INTEGER NOT NULL,
                last_seq INTEGER NOT NULL,
                PRIMARY KEY (device_key, epoch, first_seq));

            CREATE TABLE device_activity (
                device_key INTEGER NOT NULL PRIMARY KEY,
                last_seen_us INTEGER NOT NULL,
                last_epoch INTEGER NOT NULL,
                last_seq INTEGER NOT NULL,
                last_boot_counter INTEGER NOT NULL,
                frames_stored INTEGER NOT NULL);

            CREATE TABLE device_health (
                device_key INTEGER NOT NULL PRIMARY KEY,
                boot_counter INTEGER NOT NULL,
                status_time_us INTEGER NOT NULL,
                time_quality INTEGER NOT NULL,
                received_at_us INTEGER NOT NULL,
                online INTEGER NOT NULL,
                firmware_version TEXT NOT NULL,
                board TEXT NOT NULL,
                channels TEXT NOT NULL,
                uptime_s INTEGER NOT NULL,
                free_memory_bytes INTEGER NOT NULL,
                rssi INTEGER NOT NULL,
                outbox_depth INTEGER NOT NULL,
                outbox_drops INTEGER NOT NULL,
                reset_reason TEXT NOT NULL,
                failed_components TEXT NOT NULL);

            CREATE TABLE quarantine (
                id INTEGER NOT NULL PRIMARY KEY,
                received_at_us INTEGER NOT NULL,
                topic TEXT NOT NULL,
                device_id TEXT NULL,
                reason INTEGER NOT NULL,
                protocol_error INTEGER NULL,
                detail TEXT NOT NULL,
                raw BLOB NOT NULL,
                original_length INTEGER NOT NULL);
            CREATE INDEX quarantine_by_reason ON quarantine (reason, id);
            CREATE INDEX quarantine_by_device ON quarantine (device_id, id);

            CREATE TABLE quarantine_counts (
                reason INTEGER NOT NULL PRIMARY KEY,
                count INTEGER NOT NULL);

            CREATE TABLE api_tokens (
                id INTEGER NOT NULL PRIMARY KEY,
                token_hash BLOB NOT NULL,
                created_at_us INTEGER NOT NULL,
                revoked_at_us INTEGER NULL);
            """),
        new(2, "Merkle log: hashes of every complete subtree of the frame log",
            """
            CREATE TABLE merkle_nodes (
                level INTEGER NOT NULL,
                idx INTEGER NOT NULL,
                hash BLOB NOT NULL,
                PRIMARY KEY (level, idx)) WITHOUT ROWID;
            """),
    ];
}
