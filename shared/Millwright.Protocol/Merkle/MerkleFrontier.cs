using System;

namespace Millwright.Protocol.Merkle;

/// <summary>
/// The right edge of an append-only tree of <see cref="Size"/> leaves (a compact range [0, Size)): one complete
/// subtree hash per set bit of Size, at most 63 of them. That is all it takes to append and to compute the root
/// (RFC 9162 §2.1.1), so a controller or device persists <see cref="CopyHashesTo"/> with the size and
/// continues with <see cref="FromPackedHashes"/> without rebuilding the tree.
/// <para>
/// Costs: append is amortised one node hash (at most log2 n), the root at most log2 n hashes. All buffers
/// (about 2 KB) are allocated in the constructor; append and root allocate nothing. Not thread-safe.
/// </para>
/// </summary>
public sealed class MerkleFrontier
{
    private const int HashSize = MerkleHasher.HashSize;
    private const int MaxLevels = 63; // Size ≤ long.MaxValue = 2^63 - 1 has set bits 0..62 only.

    private readonly MerkleHasher _hasher = new MerkleHasher();

    // Slot L (bytes L·32 …) holds the hash of the complete subtree of 2^L leaves when bit L of _size is set.
    private readonly byte[] _subtrees = new byte[MaxLevels * HashSize];
    private readonly byte[] _carry = new byte[HashSize];
    private long _size;

    public long Size
    {
        get { return _size; }
    }

    /// <summary>How many hashes <see cref="CopyHashesTo"/> writes: the number of set bits of <see cref="Size"/>.</summary>
    public int HashCount
    {
        get { return MerkleTreeMath.CountSetBits(_size); }
    }

    /// <summary>Hashes <paramref name="data"/> as a leaf (RFC 9162 §2.1.1) and appends it.</summary>
    public void AppendLeaf(byte[] data, int offset, int count)
    {
        CheckNotFull();
        _hasher.HashLeaf(data, offset, count, _carry, 0);
        MergeCarry();
    }

    public void AppendLeafHash(byte[] leafHash, int offset)
    {
        if (leafHash == null || offset < 0 || offset > leafHash.Length - HashSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "leaf hash needs 32 bytes at the given offset");
        }

        CheckNotFull();
        Array.Copy(leafHash, offset, _carry, 0, HashSize);
        MergeCarry();
    }

    /// <summary>MTH of the whole tree (RFC 9162 §2.1.1): the right-edge subtrees folded from the smallest up.</summary>
    public void WriteRoot(byte[] output, int outputOffset)
    {
        if (output == null || outputOffset < 0 || outputOffset > output.Length - HashSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "output needs 32 bytes at the given offset");
        }

        if (_size == 0)
        {
            _hasher.HashEmpty(output, outputOffset);
            return;
        }

        bool haveRightPart = false;
        for (int level = 0; level < MaxLevels; level++)
        {
            if (((_size >> level) & 1) == 0)
            {
                continue;
            }

            if (haveRightPart)
            {
                _hasher.HashChildren(_subtrees, level * HashSize, output, outputOffset, output, outputOffset);
            }
            else
            {
                Array.Copy(_subtrees, level * HashSize, output, outputOffset, HashSize);
                haveRightPart = true;
            }
        }
    }

    public byte[] GetRoot()
    {
        byte[] root = new byte[HashSize];
        WriteRoot(root, 0);
        return root;
    }

    /// <summary>
    /// Writes the <see cref="HashCount"/> subtree hashes, leftmost (largest) first — the order of a compact range
    /// in transparency-dev/merkle — so they can be stored beside <see cref="Size"/>.
    /// </summary>
    public void CopyHashesTo(byte[] output, int outputOffset)
    {
        int byteCount = HashCount * HashSize;
        if (output == null || outputOffset < 0 || outputOffset > output.Length - byteCount)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "output is too small for the frontier hashes");
        }

        for (int level = MaxLevels - 1; level >= 0; level--)
        {
            if (((_size >> level) & 1) == 1)
            {
                Array.Copy(_subtrees, level * HashSize, output, outputOffset, HashSize);
                outputOffset += HashSize;
            }
        }
    }

    public byte[][] GetHashes()
    {
        byte[] packed = new byte[HashCount * HashSize];
        CopyHashesTo(packed, 0);
        byte[][] hashes = new byte[HashCount][];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = new byte[HashSize];
            Array.Copy(packed, i * HashSize, hashes[i], 0, HashSize);
        }

        return hashes;
    }

    /// <summary>Restores a frontier from its size and the hashes written by <see cref="CopyHashesTo"/>.</summary>
    public static MerkleFrontier FromPackedHashes(long size, byte[] packed, int offset, int count)
    {
        if (size < 0)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "frontier size is negative");
        }

        int expected = MerkleTreeMath.CountSetBits(size) * HashSize;
        if (packed == null || offset < 0 || count < 0 || offset > packed.Length - count)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "frontier hash range is outside the buffer");
        }

        if (count != expected)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "frontier needs one 32-byte hash per set bit of its size");
        }

        MerkleFrontier frontier = new MerkleFrontier();
        for (int level = MaxLevels - 1; level >= 0; level--)
        {
            if (((size >> level) & 1) == 1)
            {
                Array.Copy(packed, offset, frontier._subtrees, level * HashSize, HashSize);
                offset += HashSize;
            }
        }

        frontier._size = size;
        return frontier;
    }

    /// <summary>Restores a frontier from its size and the hashes of <see cref="GetHashes"/>.</summary>
    public static MerkleFrontier FromHashes(long size, byte[][] hashes)
    {
        if (hashes == null || hashes.Length > MaxLevels)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "frontier hashes are null or too many");
        }

        byte[] packed = new byte[hashes.Length * HashSize];
        for (int i = 0; i < hashes.Length; i++)
        {
            if (hashes[i] == null || hashes[i].Length != HashSize)
            {
                throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "a frontier hash is not 32 bytes");
            }

            Array.Copy(hashes[i], 0, packed, i * HashSize, HashSize);
        }

        return FromPackedHashes(size, packed, 0, packed.Length);
    }

    private void CheckNotFull()
    {
        if (_size == long.MaxValue)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "the frontier is full");
        }
    }

    // Binary increment of _size: each set low bit is a complete subtree that the new one pairs with.
    private void MergeCarry()
    {
        int level = 0;
        while (((_size >> level) & 1) == 1)
        {
            _hasher.HashChildren(_subtrees, level * HashSize, _carry, 0, _carry, 0);
            level++;
        }

        Array.Copy(_carry, 0, _subtrees, level * HashSize, HashSize);
        _size++;
    }
}
