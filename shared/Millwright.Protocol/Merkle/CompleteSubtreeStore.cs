using System;

namespace Millwright.Protocol.Merkle;

/// <summary>
/// The hashes of every complete, aligned subtree of an append-only tree: level L holds Size &gt;&gt; L hashes, the
/// node (L, i) covering leaves [i·2^L, (i+1)·2^L). Each level is a growable byte[] of 32-byte hashes.
/// <see cref="MerkleProofBuilder"/> answers roots and proofs from these nodes.
/// </summary>
internal sealed class CompleteSubtreeStore : IMerkleNodeSource
{
    public const long MaxSize = int.MaxValue / MerkleHasher.HashSize;

    private const int HashSize = MerkleHasher.HashSize;
    private const int MaxLevels = 32; // MaxSize < 2^26, so levels 0..26 are enough.

    private readonly MerkleHasher _hasher;
    private readonly byte[][] _levels = new byte[MaxLevels][];
    private readonly int _initialCapacity;
    private long _size;

    public CompleteSubtreeStore(MerkleHasher hasher, int initialCapacity)
    {
        if (initialCapacity < 1 || initialCapacity > MaxSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "initial capacity is out of range");
        }

        _hasher = hasher;
        _initialCapacity = initialCapacity;
    }

    public long Size
    {
        get { return _size; }
    }

    public long AppendLeaf(byte[] data, int offset, int count)
    {
        ReserveLeaf();

        // HashLeaf checks its arguments before writing, so a refused leaf leaves the store unchanged.
        _hasher.HashLeaf(data, offset, count, _levels[0], (int)_size * HashSize);
        return CompleteAncestors();
    }

    public long AppendLeafHash(byte[] leafHash, int offset)
    {
        if (leafHash == null || offset < 0 || offset > leafHash.Length - HashSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "leaf hash needs 32 bytes at the given offset");
        }

        ReserveLeaf();
        Array.Copy(leafHash, offset, _levels[0], (int)_size * HashSize, HashSize);
        return CompleteAncestors();
    }

    public void CopyNode(int level, long index, byte[] output, int outputOffset)
    {
        Array.Copy(_levels[level], (int)index * HashSize, output, outputOffset, HashSize);
    }

    private void ReserveLeaf()
    {
        if (_size >= MaxSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "the tree is full");
        }

        EnsureCapacity(0, _size + 1);
    }

    // The new leaf at index Size may complete its parent, grandparent…: RFC 9162 §2.1.1 hashes two equal
    // complete subtrees into their parent.
    private long CompleteAncestors()
    {
        long leafIndex = _size;
        long node = leafIndex;
        int level = 0;
        while ((node & 1) == 1)
        {
            long parent = node >> 1;
            EnsureCapacity(level + 1, parent + 1);
            byte[] children = _levels[level];
            _hasher.HashChildren(children, (int)(node - 1) * HashSize, children, (int)node * HashSize, _levels[level + 1], (int)parent * HashSize);
            node = parent;
            level++;
        }

        _size = leafIndex + 1;
        return leafIndex;
    }

    private void EnsureCapacity(int level, long hashCount)
    {
        byte[] current = _levels[level];
        if (current != null && current.Length >= hashCount * HashSize)
        {
            return;
        }

        long capacity = current == null ? _initialCapacity >> level : current.Length / HashSize;
        if (capacity < 1)
        {
            capacity = 1;
        }

        while (capacity < hashCount)
        {
            capacity <<= 1;
        }

        if (capacity > MaxSize)
        {
            capacity = MaxSize;
        }

        byte[] grown = new byte[(int)capacity * HashSize];
        if (current != null)
        {
            Array.Copy(current, 0, grown, 0, current.Length);
        }

        _levels[level] = grown;
    }
}
