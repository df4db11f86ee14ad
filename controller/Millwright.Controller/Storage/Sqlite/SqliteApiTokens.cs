using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>API token hashes: at most one active (revoked_at NULL); rotation revokes it and adds the new one.</summary>
internal static class SqliteApiTokens
{
    public static ApiTokenRecord? Active(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using SqliteCommand command = SqliteCommands.Create(connection, transaction,
            "SELECT id, token_hash, created_at_us FROM api_tokens WHERE revoked_at_us IS NULL ORDER BY id DESC LIMIT 1");
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? new ApiTokenRecord(reader.GetInt64(0), reader.Bytes(1), reader.Time(2)) : null;
    }

    public static bool TryCreate(SqliteConnection connection, SqliteTransaction transaction, byte[] hash, DateTimeOffset createdAt)
    {
        if (Active(connection, transaction) is not null)
        {
            return false;
        }

        Insert(connection, transaction, hash, createdAt);
        return true;
    }

    public static ApiTokenRecord Rotate(SqliteConnection connection, SqliteTransaction transaction, byte[] hash, DateTimeOffset createdAt)
    {
        SqliteCommands.Execute(connection, transaction, "UPDATE api_tokens SET revoked_at_us = $t WHERE revoked_at_us IS NULL",
            ("$t", UnixMicros.From(createdAt)));
        return new ApiTokenRecord(Insert(connection, transaction, hash, createdAt), hash, createdAt);
    }

    private static long Insert(SqliteConnection connection, SqliteTransaction transaction, byte[] hash, DateTimeOffset createdAt) =>
        (long)SqliteCommands.Scalar(connection, transaction,
            "INSERT INTO api_tokens (token_hash, created_at_us, revoked_at_us) VALUES ($h, $t, NULL) RETURNING id",
            ("$h", hash), ("$t", UnixMicros.From(createdAt)))!;
}
