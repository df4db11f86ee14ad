using Millwright.Protocol.Crypto;

namespace Millwright.Protocol.Merkle;

/// <summary>
/// The SHA-256 hashing of RFC 9162 §2.1.1: leaves and interior nodes get distinct one-byte prefixes, so a
/// leaf can never be passed off as a node (second-preimage resistance). Every method writes into a caller
/// buffer and allocates nothing. Not thread-safe: one instance per thread.
/// </summary>
public sealed class MerkleHasher
{
    /// <summary>Length of every hash in the tree, in bytes.</summary>
    public const int HashSize = Sha256.HashSize;

    // RFC 9162 §2.1.1: MTH({d(0)}) = HASH(0x00 || d(0)); MTH(D_n) = HASH(0x01 || MTH(left) || MTH(right)).
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    private readonly Sha256 _sha = new Sha256();

    /// <summary>RFC 9162 §2.1.1: the hash of an empty tree is the hash of the empty string.</summary>
    public void HashEmpty(byte[] output, int outputOffset)
    {
        CheckHashRange(output, outputOffset, "output");
        _sha.Initialize();
        _sha.Finish(output, outputOffset);
    }

    /// <summary>RFC 9162 §2.1.1: leaf hash = SHA-256(0x00 || data).</summary>
    public void HashLeaf(byte[] data, int offset, int count, byte[] output, int outputOffset)
    {
        if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "leaf data range is outside the buffer");
        }

        CheckHashRange(output, outputOffset, "output");
        _sha.Initialize();
        _sha.Append(LeafPrefix);
        _sha.Append(data, offset, count);
        _sha.Finish(output, outputOffset);
    }

    /// <summary>Convenience for callers that do not mind one allocation: the leaf hash of all of <paramref name="data"/>.</summary>
    public byte[] HashLeaf(byte[] data)
    {
        if (data == null)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "leaf data is null");
        }

        byte[] hash = new byte[HashSize];
        HashLeaf(data, 0, data.Length, hash, 0);
        return hash;
    }

    /// <summary>
    /// RFC 9162 §2.1.1: node hash = SHA-256(0x01 || left || right). <paramref name="output"/> may overlap either
    /// input: both are read before anything is written.
    /// </summary>
    public void HashChildren(byte[] left, int leftOffset, byte[] right, int rightOffset, byte[] output, int outputOffset)
    {
        CheckHashRange(left, leftOffset, "left child");
        CheckHashRange(right, rightOffset, "right child");
        CheckHashRange(output, outputOffset, "output");
        _sha.Initialize();
        _sha.Append(NodePrefix);
        _sha.Append(left, leftOffset, HashSize);
        _sha.Append(right, rightOffset, HashSize);
        _sha.Finish(output, outputOffset);
    }

    private static void CheckHashRange(byte[] buffer, int offset, string what)
    {
        if (buffer == null || offset < 0 || offset > buffer.Length - HashSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, what + " needs 32 bytes at the given offset");
        }
    }
}
