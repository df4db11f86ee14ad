using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>Registry changes. Each runs inside the caller's IMMEDIATE transaction and bumps the registry version
/// there, so a key cache in another process sees every change.</summary>
internal static class SqliteRegistryWrites
{
    public static bool AddDevice(SqliteConnection connection, SqliteTransaction transaction, string deviceId, NewDeviceKey key, DateTimeOffset at)
    {
        long micros = UnixMicros.From(at);
        object? deviceKey = SqliteCommands.Scalar(connection, transaction,
            "INSERT INTO devices (device_id, enabled, created_at_us, disabled_at_us, current_epoch, current_generation) " +
            "VALUES ($id, 1, $t, NULL, 1, 1) ON CONFLICT (device_id) DO NOTHING RETURNING device_key",
            ("$id", deviceId), ("$t", micros));
        if (deviceKey is null)
        {
            return false;
        }

        InsertKey(connection, transaction, (long)deviceKey, generation: 1, epoch: 1, key, micros, validFrom: null);
        BumpVersion(connection, transaction);
        return true;
    }

    public static bool SetEnabled(SqliteConnection connection, SqliteTransaction transaction, string deviceId, bool enabled, DateTimeOffset at)
    {
        int changed = SqliteCommands.Execute(connection, transaction,
            "UPDATE devices SET enabled = $e, disabled_at_us = CASE WHEN $e = 1 THEN NULL ELSE COALESCE(disabled_at_us, $t) END " +
            "WHERE device_id = $id",
            ("$e", enabled ? 1 : 0), ("$t", UnixMicros.From(at)), ("$id", deviceId));
        if (changed > 0)
        {
            BumpVersion(connection, transaction);
        }

        return changed > 0;
    }

    public static DeviceKeyRecord? Rotate(SqliteConnection connection, SqliteTransaction transaction, string deviceId, NewDeviceKey key, long cutOver, DateTimeOffset at)
    {
        if (Current(connection, transaction, deviceId, key) is not var (deviceKey, epoch, generation))
        {
            return null;
        }

        long micros = UnixMicros.From(at);
        // Only one rotated-out generation stays usable: an older one still waiting for its cut-over is retired now.
        SqliteCommands.Execute(connection, transaction,
            "UPDATE device_keys SET state = $retired, retired_at_us = $t WHERE device_key = $d AND state = $active AND generation <> $g",
            ("$retired", (int)KeyState.Retired), ("$active", (int)KeyState.Active), ("$t", micros), ("$d", deviceKey), ("$g", generation));
        SqliteCommands.Execute(connection, transaction,
            "UPDATE device_keys SET accepted_below_seq = $c WHERE device_key = $d AND generation = $g",
            ("$c", cutOver), ("$d", deviceKey), ("$g", generation));
        return AddGeneration(connection, transaction, deviceId, deviceKey, generation + 1, epoch, key, micros, validFrom: cutOver);
    }

    public static DeviceKeyRecord? Replace(SqliteConnection connection, SqliteTransaction transaction, string deviceId, NewDeviceKey key, DateTimeOffset at)
    {
        if (Current(connection, transaction, deviceId, key) is not var (deviceKey, epoch, generation))
        {
            return null;
        }

        long micros = UnixMicros.From(at);
        SqliteCommands.Execute(connection, transaction,
            "UPDATE device_keys SET state = $retired, retired_at_us = COALESCE(retired_at_us, $t), replaced_at_us = $t " +
            "WHERE device_key = $d AND replaced_at_us IS NULL",
            ("$retired", (int)KeyState.Retired), ("$t", micros), ("$d", deviceKey));
        return AddGeneration(connection, transaction, deviceId, deviceKey, generation + 1, epoch + 1, key, micros, validFrom: null);
    }

    public static void BumpVersion(SqliteConnection connection, SqliteTransaction transaction) =>
        SqliteCommands.Execute(connection, transaction, "UPDATE registry_version SET version = version + 1 WHERE id = 1");

    private static (long DeviceKey, int Epoch, int Generation)? Current(SqliteConnection connection, SqliteTransaction transaction, string deviceId, NewDeviceKey key)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, transaction,
            "SELECT device_key, current_epoch, current_generation FROM devices WHERE device_id = $id", ("$id", deviceId));
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        (long deviceKey, int epoch, int generation) = (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2));
        if (SqliteCommands.Scalar(connection, transaction, "SELECT 1 FROM device_keys WHERE device_key = $d AND key_id = $k",
                ("$d", deviceKey), ("$k", key.KeyId)) is not null)
        {
            throw new DuplicateKeyException(deviceId);
        }

        return (deviceKey, epoch, generation);
    }

    private static DeviceKeyRecord AddGeneration(
        SqliteConnection connection, SqliteTransaction transaction, string deviceId, long deviceKey, int generation, int epoch,
        NewDeviceKey key, long micros, long? validFrom)
    {
        InsertKey(connection, transaction, deviceKey, generation, epoch, key, micros, validFrom);
        SqliteCommands.Execute(connection, transaction,
            "UPDATE devices SET current_epoch = $e, current_generation = $g WHERE device_key = $d",
            ("$e", epoch), ("$g", generation), ("$d", deviceKey));
        BumpVersion(connection, transaction);
        return new DeviceKeyRecord(deviceId, generation, epoch, key.KeyId, key.Secret, KeyState.Active,
            UnixMicros.ToTime(micros), validFrom, null, null, null);
    }

    private static void InsertKey(SqliteConnection connection, SqliteTransaction transaction, long deviceKey, int generation, int epoch, NewDeviceKey key, long micros, long? validFrom) =>
        SqliteCommands.Execute(connection, transaction,
            "INSERT INTO device_keys (device_key, generation, epoch, key_id, secret, state, created_at_us, valid_from_seq, " +
            "accepted_below_seq, retired_at_us, replaced_at_us) VALUES ($d, $g, $e, $k, $s, $state, $t, $v, NULL, NULL, NULL)",
            ("$d", deviceKey), ("$g", generation), ("$e", epoch), ("$k", key.KeyId), ("$s", key.Secret),
            ("$state", (int)KeyState.Active), ("$t", micros), ("$v", validFrom));
}
