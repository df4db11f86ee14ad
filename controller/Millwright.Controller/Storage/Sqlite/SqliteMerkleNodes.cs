using Microsoft.Data.Sqlite;
using Millwright.Protocol.Merkle;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>The Merkle log's stored nodes as a <see cref="IMerkleNodeSource"/>: one primary-key lookup per node.</summary>
internal sealed class SqliteMerkleNodes : IMerkleNodeSource, IDisposable
{
    private readonly SqliteCommand _select;
    private readonly SqliteParameter _level;
    private readonly SqliteParameter _index;

    public SqliteMerkleNodes(SqliteConnection connection, SqliteTransaction? transaction, long size)
    {
        Size = size;
        _select = SqliteCommands.Create(connection, transaction, "SELECT hash FROM merkle_nodes WHERE level = $l AND idx = $i");
        _level = _select.Parameters.Add(new SqliteParameter("$l", 0));
        _index = _select.Parameters.Add(new SqliteParameter("$i", 0L));
    }

    public long Size { get; }

    /// <summary>Number of leaves: the highest leaf index + 1 (leaves are dense from 0).</summary>
    public static long LeafCount(SqliteConnection connection, SqliteTransaction? transaction) =>
        (long)SqliteCommands.Scalar(connection, transaction, "SELECT COALESCE(MAX(idx) + 1, 0) FROM merkle_nodes WHERE level = 0")!;

    public void CopyNode(int level, long index, byte[] output, int outputOffset)
    {
        _level.Value = level;
        _index.Value = index;
        using SqliteDataReader reader = _select.ExecuteReader();
        if (!reader.Read() || reader.GetBytes(0, 0, null, 0, 0) != MerkleHasher.HashSize)
        {
            throw new InvalidOperationException(
                $"the Merkle log lacks node (level {level}, index {index}) of its {Size} leaves: the database is damaged");
        }

        reader.GetBytes(0, 0, output, outputOffset, MerkleHasher.HashSize);
    }

    public void Dispose() => _select.Dispose();
}
