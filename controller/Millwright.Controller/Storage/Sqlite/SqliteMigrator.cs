using Microsoft.Data.Sqlite;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// Applies the migrations the database lacks, each in its own IMMEDIATE transaction that re-reads the version first,
/// so two processes starting at once apply each step exactly once. A database newer than this build is refused.
/// </summary>
internal static class SqliteMigrator
{
    public static int Migrate(SqliteConnection connection, IReadOnlyList<SqliteMigration> migrations, DateTimeOffset now)
    {
        Execute(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at_us INTEGER NOT NULL)");
        int newest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        foreach (SqliteMigration migration in migrations)
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            int current = CurrentVersion(connection, transaction);
            if (current > newest)
            {
                throw new InvalidOperationException(
                    $"database schema version {current} is newer than this controller knows ({newest}): upgrade the controller");
            }

            if (current >= migration.Version)
            {
                transaction.Rollback();
                continue;
            }

            Execute(connection, transaction, migration.Sql);
            using SqliteCommand record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_at_us) VALUES ($v, $d, $t)";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$d", migration.Description);
            record.Parameters.AddWithValue("$t", UnixMicros.From(now));
            record.ExecuteNonQuery();
            transaction.Commit();
        }

        using SqliteTransaction final = connection.BeginTransaction(deferred: true);
        return CurrentVersion(connection, final);
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
