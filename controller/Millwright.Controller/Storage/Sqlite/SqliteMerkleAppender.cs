using Microsoft.Data.Sqlite;
using Millwright.Protocol.Merkle;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// Appends stored frames to the Merkle log inside the ingest transaction: the leaf hash, then every ancestor the leaf
/// completes, into merkle_nodes (level, idx). Completing an ancestor needs only the log's frontier — the node of each
/// complete subtree ending at the current size — which is kept in memory and loaded with one read per level at start;
/// nothing is rebuilt. The frontier changes only when the transaction commits (<see cref="Begin"/>/<see cref="Rollback"/>),
/// so a refused batch leaves it as the database has it. Used under the store's write lock only.
/// </summary>
internal sealed class SqliteMerkleAppender : IDisposable
{
    private const int Levels = 64;
    private readonly SqliteConnection _connection;
    private readonly PreparedCommand _insertNode;
    private readonly MerkleHasher _hasher = new();
    private readonly byte[]?[] _frontier = new byte[]?[Levels];
    private readonly byte[]?[] _saved = new byte[]?[Levels];
    private long _size = -1;
    private long _savedSize;

    public SqliteMerkleAppender(SqliteConnection connection)
    {
        _connection = connection;
        _insertNode = new(connection, "INSERT INTO merkle_nodes (level, idx, hash) VALUES ($l, $i, $h)", "$l", "$i", "$h");
    }

    /// <summary>Leaves in the log (loaded at the first <see cref="Begin"/>).</summary>
    public long Size => _size;

    /// <summary>Starts a batch in <paramref name="transaction"/>: loads the frontier the first time, and remembers it
    /// so that <see cref="Rollback"/> can restore it.</summary>
    public void Begin(SqliteTransaction transaction)
    {
        _insertNode.Transaction = transaction;
        if (_size < 0)
        {
            Load(transaction);
        }

        _savedSize = _size;
        Array.Copy(_frontier, _saved, Levels);
    }

    /// <summary>The batch's transaction was rolled back: forget what it appended.</summary>
    public void Rollback()
    {
        _size = _savedSize;
        Array.Copy(_saved, _frontier, Levels);
    }

    /// <summary>Appends the frame stored at <paramref name="logIndex"/>, which must be the next leaf (leaf index =
    /// log index − 1): the frame table and the log never disagree.</summary>
    public void Append(long logIndex, byte[] signedFrame)
    {
        if (logIndex != _size + 1)
        {
            throw new InvalidOperationException(
                $"the Merkle log holds {_size} leaves but the frame table assigned log index {logIndex}: they must advance together");
        }

        byte[] hash = new byte[MerkleHasher.HashSize];
        _hasher.HashLeaf(signedFrame, 0, signedFrame.Length, hash, 0);
        long index = _size;
        int level = 0;
        Insert(level, index, hash);
        while ((index & 1) == 1)
        {
            // The leaf completes its parent: the left sibling is the frontier's node at this level.
            byte[] parent = new byte[MerkleHasher.HashSize];
            _hasher.HashChildren(_frontier[level]!, 0, hash, 0, parent, 0);
            _frontier[level] = null;
            index >>= 1;
            level++;
            Insert(level, index, parent);
            hash = parent;
        }

        _frontier[level] = hash;
        _size++;
    }

    public void Dispose() => _insertNode.Dispose();

    private void Insert(int level, long index, byte[] hash) => _insertNode.Bind(level, index, hash).Execute();

    private void Load(SqliteTransaction transaction)
    {
        long size = SqliteMerkleNodes.LeafCount(_connection, transaction);
        using var nodes = new SqliteMerkleNodes(_connection, transaction, size);
        for (int level = 0; level < Levels; level++)
        {
            _frontier[level] = null;
            if (((size >> level) & 1) == 1)
            {
                byte[] node = new byte[MerkleHasher.HashSize];
                nodes.CopyNode(level, (size >> level) - 1, node, 0);
                _frontier[level] = node;
            }
        }

        _size = size;
    }
}
