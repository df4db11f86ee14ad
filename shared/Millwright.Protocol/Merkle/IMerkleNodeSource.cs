namespace Millwright.Protocol.Merkle;

/// <summary>
/// Where the hashes of an append-only tree's complete, aligned subtrees are kept: node (level, index) covers leaves
/// [index·2^level, (index+1)·2^level), level 0 being the leaf hashes. <see cref="MerkleProofBuilder"/> computes roots
/// and proofs from these nodes alone, so a tree kept in memory (<see cref="MerkleTree"/>) and one kept in a database
/// (the controller's frame log) answer with the same code.
/// </summary>
public interface IMerkleNodeSource
{
    /// <summary>Number of leaves.</summary>
    long Size { get; }

    /// <summary>Copies the 32-byte hash of the complete node (level, index) to <paramref name="output"/>. Only nodes
    /// that lie wholly inside the first <see cref="Size"/> leaves are asked for.</summary>
    void CopyNode(int level, long index, byte[] output, int outputOffset);
}
