using System;
using Millwright.Protocol.Crypto;

namespace Millwright.Protocol.Merkle;

/// <summary>
/// Verifies inclusion proofs (RFC 9162 §2.1.3.2). For any input whatsoever, <see cref="VerifyInclusion"/> returns
/// true or false and the other methods either succeed or throw <see cref="ProtocolException"/>: argument errors
/// as <see cref="ProtocolError.MerkleInvalidArgument"/>, proofs that do not check out as
/// <see cref="ProtocolError.MerkleProofInvalid"/>, with a message naming the failed check. The proof length is
/// checked against the index and size first, so work is O(log size) however long the proof array is.
/// Allocation-free except the convenience <see cref="ComputeRoot(long, long, byte[], byte[][])"/> and failures
/// of the throwing variants. Not thread-safe: one instance per thread.
/// </summary>
public sealed class InclusionProofVerifier
{
    private const int HashSize = MerkleHasher.HashSize;

    private readonly MerkleHasher _hasher = new MerkleHasher();
    private readonly byte[] _computedRoot = new byte[HashSize];

    /// <summary>True when <paramref name="proof"/> proves leaf <paramref name="leafIndex"/> is in the tree of that size and root.</summary>
    public bool VerifyInclusion(long leafIndex, long treeSize, byte[] leafHash, byte[][] proof, byte[] rootHash)
    {
        ProtocolError error;
        return Check(leafIndex, treeSize, leafHash, proof, rootHash, out error) == null;
    }

    /// <summary>As <see cref="VerifyInclusion"/>, but throws <see cref="ProtocolException"/> saying which check failed.</summary>
    public void VerifyInclusionOrThrow(long leafIndex, long treeSize, byte[] leafHash, byte[][] proof, byte[] rootHash)
    {
        ProtocolError error;
        string failure = Check(leafIndex, treeSize, leafHash, proof, rootHash, out error);
        if (failure != null)
        {
            throw new ProtocolException(error, failure);
        }
    }

    /// <summary>RFC 9162 §2.1.3.2 steps 1–5 without the final comparison: the root the proof leads to.</summary>
    public void ComputeRoot(long leafIndex, long treeSize, byte[] leafHash, byte[][] proof, byte[] output, int outputOffset)
    {
        if (output == null || outputOffset < 0 || outputOffset > output.Length - HashSize)
        {
            throw new ProtocolException(ProtocolError.MerkleInvalidArgument, "output needs 32 bytes at the given offset");
        }

        ProtocolError error;
        string failure = Evaluate(leafIndex, treeSize, leafHash, proof, out error);
        if (failure != null)
        {
            throw new ProtocolException(error, failure);
        }

        Array.Copy(_computedRoot, 0, output, outputOffset, HashSize);
    }

    public byte[] ComputeRoot(long leafIndex, long treeSize, byte[] leafHash, byte[][] proof)
    {
        byte[] root = new byte[HashSize];
        ComputeRoot(leafIndex, treeSize, leafHash, proof, root, 0);
        return root;
    }

    private string Check(long leafIndex, long treeSize, byte[] leafHash, byte[][] proof, byte[] rootHash, out ProtocolError error)
    {
        string failure = Evaluate(leafIndex, treeSize, leafHash, proof, out error);
        if (failure != null)
        {
            return failure;
        }

        if (rootHash == null || rootHash.Length != HashSize)
        {
            error = ProtocolError.MerkleInvalidArgument;
            return "root hash is not 32 bytes";
        }

        // RFC 9162 §2.1.3.2 step 5 (second half).
        if (!ConstantTime.AreEqual(_computedRoot, 0, rootHash, 0, HashSize))
        {
            error = ProtocolError.MerkleProofInvalid;
            return "the proof leads to a different root";
        }

        error = ProtocolError.None;
        return null;
    }

    // Leaves the root the proof leads to in _computedRoot; returns null, or why the proof cannot be used.
    private string Evaluate(long leafIndex, long treeSize, byte[] leafHash, byte[][] proof, out ProtocolError error)
    {
        error = ProtocolError.MerkleInvalidArgument;
        if (treeSize <= 0)
        {
            return "tree size must be positive";
        }

        // RFC 9162 §2.1.3.2 step 1.
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return "leaf index is outside the tree";
        }

        if (leafHash == null || leafHash.Length != HashSize)
        {
            return "leaf hash is not 32 bytes";
        }

        if (proof == null)
        {
            return "proof is null";
        }

        error = ProtocolError.MerkleProofInvalid;
        if (proof.Length != MerkleTreeMath.InclusionProofLength(leafIndex, treeSize))
        {
            return "proof length does not match the leaf index and tree size";
        }

        for (int i = 0; i < proof.Length; i++)
        {
            if (proof[i] == null || proof[i].Length != HashSize)
            {
                return "a proof entry is not a 32-byte hash";
            }
        }

        // RFC 9162 §2.1.3.2 steps 2–4.
        long fn = leafIndex;
        long sn = treeSize - 1;
        Array.Copy(leafHash, 0, _computedRoot, 0, HashSize);
        for (int i = 0; i < proof.Length; i++)
        {
            if (sn == 0)
            {
                return "proof is longer than the path to the root";
            }

            byte[] p = proof[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                _hasher.HashChildren(p, 0, _computedRoot, 0, _computedRoot, 0);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                _hasher.HashChildren(_computedRoot, 0, p, 0, _computedRoot, 0);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // RFC 9162 §2.1.3.2 step 5 (first half).
        if (sn != 0)
        {
            return "proof is shorter than the path to the root";
        }

        error = ProtocolError.None;
        return null;
    }
}
