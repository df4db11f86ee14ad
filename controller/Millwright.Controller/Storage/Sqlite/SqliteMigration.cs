namespace Millwright.Controller.Storage.Sqlite;

/// <summary>One numbered schema step, applied in its own transaction together with its schema_version row.</summary>
internal sealed record SqliteMigration(int Version, string Description, string Sql);
