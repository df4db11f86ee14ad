using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>Reads of devices, key generations and the registry version.</summary>
internal static class SqliteRegistryReads
{
    private const string DeviceColumns =
        "device_id, enabled, created_at_us, disabled_at_us, current_epoch, current_generation";

    private const string KeyColumns =
        "d.device_id, k.generation, k.epoch, k.key_id, k.secret, k.state, k.created_at_us, k.valid_from_seq, " +
        "k.accepted_below_seq, k.retired_at_us, k.replaced_at_us";

    public static long RegistryVersion(SqliteConnection connection, SqliteTransaction? transaction) =>
        (long)SqliteCommands.Scalar(connection, transaction, "SELECT version FROM registry_version WHERE id = 1")!;

    public static long? DeviceKey(SqliteConnection connection, SqliteTransaction? transaction, string deviceId) =>
        (long?)SqliteCommands.Scalar(connection, transaction, "SELECT device_key FROM devices WHERE device_id = $id", ("$id", deviceId));

    public static DeviceRecord? Device(SqliteConnection connection, SqliteTransaction? transaction, string deviceId)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, transaction,
            $"SELECT {DeviceColumns} FROM devices WHERE device_id = $id", ("$id", deviceId));
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadDevice(reader) : null;
    }

    public static IReadOnlyList<DeviceRecord> Devices(SqliteConnection connection)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, null, $"SELECT {DeviceColumns} FROM devices ORDER BY device_id");
        using SqliteDataReader reader = command.ExecuteReader();
        var devices = new List<DeviceRecord>();
        while (reader.Read())
        {
            devices.Add(ReadDevice(reader));
        }

        return devices;
    }

    public static IReadOnlyList<DeviceKeyRecord> Keys(SqliteConnection connection, string? deviceId)
    {
        string where = deviceId is null ? string.Empty : "WHERE d.device_id = $id";
        using SqliteCommand command = SqliteCommands.Create(connection, null,
            $"SELECT {KeyColumns} FROM device_keys k JOIN devices d ON d.device_key = k.device_key {where} " +
            "ORDER BY d.device_id, k.generation DESC",
            ("$id", deviceId));
        using SqliteDataReader reader = command.ExecuteReader();
        var keys = new List<DeviceKeyRecord>();
        while (reader.Read())
        {
            keys.Add(new DeviceKeyRecord(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.Bytes(3), reader.Bytes(4),
                (KeyState)reader.GetInt32(5), reader.Time(6), reader.NullableInt64(7), reader.NullableInt64(8),
                reader.NullableTime(9), reader.NullableTime(10)));
        }

        return keys;
    }

    private static DeviceRecord ReadDevice(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1) != 0, reader.Time(2), reader.NullableTime(3), reader.GetInt32(4), reader.GetInt32(5));
}
