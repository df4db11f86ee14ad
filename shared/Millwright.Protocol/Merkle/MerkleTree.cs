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

    public MerkleTree()
        : this(16)
    {
    }

    /// <param name="initialCapacity">Leaves to reserve room for; the tree grows past it by doubling.</param>
    public MerkleTree(int initialCapacity)
    {
        _store = new CompleteSubtreeStore(_hasher, initialCapacity);
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
        CheckTreeSize(treeSize);
        if (output == null || outputOffset < 0 || outputOffset > output.Length - MerkleHasher.HashSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "output needs 32 bytes at the given offset");
        }

        _store.WriteRangeHash(0, treeSize, output, outputOffset);
    }

    public byte[] GetRoot(long treeSize)
    {
        byte[] root = new byte[MerkleHasher.HashSize];
        WriteRoot(treeSize, root, 0);
        return root;
    }

    public byte[] GetRoot()
    {
        return GetRoot(_store.Size);
    }

    /// <summary>
    /// PATH(leafIndex, D[0:treeSize]) of RFC 9162 §2.1.3.1: the sibling hashes from the leaf up to the root.
    /// </summary>
    public byte[][] GetInclusionProof(long leafIndex, long treeSize)
    {
        CheckTreeSize(treeSize);
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "leaf index is outside the tree");
        }

        int length = MerkleTreeMath.InclusionProofLength(leafIndex, treeSize);
        byte[][] proof = new byte[length][];

        // Walk the recursion from the root down; PATH lists the deepest sibling first, so fill from the back.
        long start = 0;
        long end = treeSize;
        int position = length;
        while (end - start > 1)
        {
            long k = MerkleTreeMath.LargestPowerOfTwoBelow(end - start);
            byte[] sibling = new byte[MerkleHasher.HashSize];
            if (leafIndex < start + k)
            {
                _store.WriteRangeHash(start + k, end, sibling, 0);
                end = start + k;
            }
            else
            {
                _store.WriteRangeHash(start, start + k, sibling, 0);
                start += k;
            }

            proof[--position] = sibling;
        }

        return proof;
    }

    /// <summary>
    /// PROOF(size1, D[0:size2]) of RFC 9162 §2.1.4.1. Empty when size1 is 0 or equals size2 (nothing to prove).
    /// </summary>
    public byte[][] GetConsistencyProof(long size1, long size2)
    {
        CheckTreeSize(size2);
        if (size1 < 0 || size1 > size2)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "first tree size must be between 0 and the second");
        }

        if (size1 == 0 || size1 == size2)
        {
            return new byte[0][];
        }

        int length = MerkleTreeMath.ConsistencyProofLength(size1, size2);
        byte[][] proof = new byte[length][];

        // SUBPROOF(m, D[start:end], b), unrolled from the root down; the deepest node comes first in the proof.
        long start = 0;
        long end = size2;
        bool wholeOldTreeKnown = true;
        int position = length;
        while (size1 != end)
        {
            long k = MerkleTreeMath.LargestPowerOfTwoBelow(end - start);
            byte[] node = new byte[MerkleHasher.HashSize];
            if (size1 - start <= k)
            {
                _store.WriteRangeHash(start + k, end, node, 0);
                end = start + k;
            }
            else
            {
                _store.WriteRangeHash(start, start + k, node, 0);
                start += k;
                wholeOldTreeKnown = false;
            }

            proof[--position] = node;
        }

        if (!wholeOldTreeKnown)
        {
            // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the verifier cannot know this subtree's hash.
            byte[] node = new byte[MerkleHasher.HashSize];
            _store.WriteRangeHash(start, end, node, 0);
            proof[--position] = node;
        }

        return proof;
    }

    /// <summary>The compact frontier of the first <paramref name="treeSize"/> leaves, to continue appending elsewhere.</summary>
    public MerkleFrontier GetFrontier(long treeSize)
    {
        CheckTreeSize(treeSize);
        byte[] packed = new byte[MerkleTreeMath.CountSetBits(treeSize) * MerkleHasher.HashSize];
        int offset = 0;
        for (int level = 62; level >= 0; level--)
        {
            if (((treeSize >> level) & 1) == 1)
            {
                long blockStart = (treeSize >> (level + 1)) << (level + 1);
                _store.CopyNode(level, blockStart >> level, packed, offset);
                offset += MerkleHasher.HashSize;
            }
        }

        return MerkleFrontier.FromPackedHashes(treeSize, packed, 0, packed.Length);
    }

    private void CheckTreeSize(long treeSize)
    {
        if (treeSize < 0 || treeSize > _store.Size)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "tree size is negative or larger than the tree");
        }
    }
}
