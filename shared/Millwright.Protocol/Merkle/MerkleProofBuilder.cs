namespace Millwright.Protocol.Merkle;

/// <summary>
/// Roots, inclusion proofs (RFC 9162 §2.1.3.1) and consistency proofs (RFC 9162 §2.1.4.1) of every past size of an
/// append-only tree, read from the hashes of its complete subtrees (<see cref="IMerkleNodeSource"/>). Every range the
/// RFC's recursion visits starts at a multiple of the power of two at or above its width, so its hash is a right fold
/// over at most log2(width) stored nodes: a root reads at most log2 n nodes, a proof O(log n) nodes per entry.
/// Not thread-safe (one scratch buffer): one instance per thread.
/// </summary>
public sealed class MerkleProofBuilder
{
    private readonly IMerkleNodeSource _nodes;
    private readonly MerkleHasher _hasher;
    private readonly byte[] _scratch = new byte[MerkleHasher.HashSize];

    public MerkleProofBuilder(IMerkleNodeSource nodes)
        : this(nodes, new MerkleHasher())
    {
    }

    public MerkleProofBuilder(IMerkleNodeSource nodes, MerkleHasher hasher)
    {
        if (nodes == null || hasher == null)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "node source and hasher are required");
        }

        _nodes = nodes;
        _hasher = hasher;
    }

    /// <summary>MTH(D[0:treeSize]) (RFC 9162 §2.1.1) into <paramref name="output"/>, without allocating.</summary>
    public void WriteRoot(long treeSize, byte[] output, int outputOffset)
    {
        CheckTreeSize(treeSize);
        if (output == null || outputOffset < 0 || outputOffset > output.Length - MerkleHasher.HashSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "output needs 32 bytes at the given offset");
        }

        WriteRangeHash(0, treeSize, output, outputOffset);
    }

    public byte[] GetRoot(long treeSize)
    {
        byte[] root = new byte[MerkleHasher.HashSize];
        WriteRoot(treeSize, root, 0);
        return root;
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
                WriteRangeHash(start + k, end, sibling, 0);
                end = start + k;
            }
            else
            {
                WriteRangeHash(start, start + k, sibling, 0);
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
                WriteRangeHash(start + k, end, node, 0);
                end = start + k;
            }
            else
            {
                WriteRangeHash(start, start + k, node, 0);
                start += k;
                wholeOldTreeKnown = false;
            }

            proof[--position] = node;
        }

        if (!wholeOldTreeKnown)
        {
            // SUBPROOF(m, D[m], false) = {MTH(D[m])}: the verifier cannot know this subtree's hash.
            byte[] node = new byte[MerkleHasher.HashSize];
            WriteRangeHash(start, end, node, 0);
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
                _nodes.CopyNode(level, blockStart >> level, packed, offset);
                offset += MerkleHasher.HashSize;
            }
        }

        return MerkleFrontier.FromPackedHashes(treeSize, packed, 0, packed.Length);
    }

    /// <summary>
    /// MTH(D[start:end]) for 0 ≤ start ≤ end ≤ Size with start aligned as described above: the set bits of the
    /// width, high to low, are consecutive complete subtrees; hash them right to left.
    /// </summary>
    private void WriteRangeHash(long start, long end, byte[] output, int outputOffset)
    {
        long width = end - start;
        if (width == 0)
        {
            _hasher.HashEmpty(output, outputOffset);
            return;
        }

        bool haveRightPart = false;
        for (int level = 0; (width >> level) != 0; level++)
        {
            if (((width >> level) & 1) == 0)
            {
                continue;
            }

            long blockStart = start + ((width >> (level + 1)) << (level + 1));
            if (haveRightPart)
            {
                _nodes.CopyNode(level, blockStart >> level, _scratch, 0);
                _hasher.HashChildren(_scratch, 0, output, outputOffset, output, outputOffset);
            }
            else
            {
                _nodes.CopyNode(level, blockStart >> level, output, outputOffset);
                haveRightPart = true;
            }
        }
    }

    private void CheckTreeSize(long treeSize)
    {
        if (treeSize < 0 || treeSize > _nodes.Size)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "tree size is negative or larger than the tree");
        }
    }
}
