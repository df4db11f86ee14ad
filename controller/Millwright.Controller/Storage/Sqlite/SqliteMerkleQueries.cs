using Microsoft.Data.Sqlite;
using Millwright.Protocol.Merkle;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>Roots and proofs of the frame log, from its stored nodes (<see cref="MerkleProofBuilder"/>). Nodes are
/// never changed once written, so a read needs no snapshot beyond the size it starts from.</summary>
internal static class SqliteMerkleQueries
{
    public static byte[] Root(SqliteConnection connection, long treeSize) =>
        WithProofs(connection, treeSize, treeSize, proofs => proofs.GetRoot(treeSize));

    public static IReadOnlyList<byte[]> Inclusion(SqliteConnection connection, long leafIndex, long treeSize)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), leafIndex, $"a leaf index is between 0 and the tree size − 1 ({treeSize - 1})");
        }

        return WithProofs(connection, treeSize, treeSize, proofs => proofs.GetInclusionProof(leafIndex, treeSize));
    }

    public static IReadOnlyList<byte[]> Consistency(SqliteConnection connection, long oldSize, long newSize)
    {
        if (oldSize < 1 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), oldSize, $"the old tree size is between 1 and the new size ({newSize})");
        }

        return WithProofs(connection, oldSize, newSize, proofs => proofs.GetConsistencyProof(oldSize, newSize));
    }

    private static T WithProofs<T>(SqliteConnection connection, long smallest, long treeSize, Func<MerkleProofBuilder, T> answer)
    {
        long size = SqliteMerkleNodes.LeafCount(connection, null);
        if (smallest < 1 || treeSize > size)
        {
            throw new ArgumentOutOfRangeException(nameof(treeSize), treeSize, $"a tree size is between 1 and the log's size ({size})");
        }

        using var nodes = new SqliteMerkleNodes(connection, null, size);
        return answer(new MerkleProofBuilder(nodes));
    }
}
