using System;

namespace Millwright.Protocol.Merkle;

/// <summary>
/// An in-memory, append-only Merkle tree (RFC 9162 §2.1) that answers for every past size: the root of the
/// first n leaves, inclusion proofs and consistency proofs. Meant for the controller; a device keeps only a
/// <see cref="MerkleFrontier"/>.
/// <para>
/// Storage: <see cref="CompleteSubtreeStore"/> keeps the hash of every complete, aligned subtree, about 64 bytes
/// per leaf. Costs, with n the tree size: append is amortised one node hash (at most log2 n); a root is at most
/// log2 n hashes; an inclusion or consistency proof has O(log n) entries, and only the entries on the right edge
/// of a past tree are recomputed (O(log n) hashes each), so O(log² n) hashes in the worst case.
/// </para>
/// Not thread-safe.
/// </summary>
public sealed class MerkleTree
{
    /// <summary>Largest number of leaves: the leaf level must fit one array.</summary>
    public const long MaxSize = CompleteSubtreeStore.MaxSize;

    private readonly MerkleHasher _hasher = new MerkleHasher();
    private readonly CompleteSubtreeStore _store;
    private readonly MerkleProofBuilder _proofs;

    public MerkleTree()
        : this(16)
    {
    }

    /// <param name="initialCapacity">Leaves to reserve room for; the tree grows past it by doubling.</param>
    public MerkleTree(int initialCapacity)
    {
        _store = new CompleteSubtreeStore(_hasher, initialCapacity);
        _proofs = new MerkleProofBuilder(_store, _hasher);
    }

    public long Size
    {
        get { return _store.Size; }
    }

    /// <summary>Hashes <paramref name="data"/> as a leaf (RFC 9162 §2.1.1) and appends it. Returns its index.</summary>
    public long Append(byte[] data, int offset, int count)
    {
        return _store.AppendLeaf(data, offset, count);
    }

    public long Append(byte[] data)
    {
        if (data == null)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "leaf data is null");
        }

        return _store.AppendLeaf(data, 0, data.Length);
    }

    /// <summary>Appends an already computed leaf hash (32 bytes at <paramref name="offset"/>). Returns its index.</summary>
    public long AppendLeafHash(byte[] leafHash, int offset)
    {
        return _store.AppendLeafHash(leafHash, offset);
    }

    public long AppendLeafHash(byte[] leafHash)
    {
        if (leafHash == null || leafHash.Length != MerkleHasher.HashSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "leaf hash is not 32 bytes");
        }

        return _store.AppendLeafHash(leafHash, 0);
    }

    public byte[] GetLeafHash(long leafIndex)
    {
        if (leafIndex < 0 || leafIndex >= _store.Size)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "leaf index is outside the tree");
        }

        byte[] hash = new byte[MerkleHasher.HashSize];
        _store.CopyNode(0, leafIndex, hash, 0);
        return hash;
    }

    /// <summary>MTH(D[0:treeSize]) (RFC 9162 §2.1.1) into <paramref name="output"/>, without allocating.</summary>
    public void WriteRoot(long treeSize, byte[] output, int outputOffset)
    {
        _proofs.WriteRoot(treeSize, output, outputOffset);
    }

    public byte[] GetRoot(long treeSize)
    {
        return _proofs.GetRoot(treeSize);
    }

    public byte[] GetRoot()
    {
        return _proofs.GetRoot(_store.Size);
    }

    /// <summary>
    /// PATH(leafIndex, D[0:treeSize]) of RFC 9162 §2.1.3.1: the sibling hashes from the leaf up to the root.
    /// </summary>
    public byte[][] GetInclusionProof(long leafIndex, long treeSize)
    {
        return _proofs.GetInclusionProof(leafIndex, treeSize);
    }

    /// <summary>
    /// PROOF(size1, D[0:size2]) of RFC 9162 §2.1.4.1. Empty when size1 is 0 or equals size2 (nothing to prove).
    /// </summary>
    public byte[][] GetConsistencyProof(long size1, long size2)
    {
        return _proofs.GetConsistencyProof(size1, size2);
    }

    /// <summary>The compact frontier of the first <paramref name="treeSize"/> leaves, to continue appending elsewhere.</summary>
    public MerkleFrontier GetFrontier(long treeSize)
    {
        return _proofs.GetFrontier(treeSize);
    }
}
