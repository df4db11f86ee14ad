using System;
using Millwright.Protocol.Crypto;

namespace Millwright.Protocol.Merkle;

/// <summary>
/// Verifies consistency proofs (RFC 9162 §2.1.4.2): that the tree of size1 with root1 is a prefix of the tree of
/// size2 with root2. Trivial cases, which the RFC leaves out: equal sizes need an empty proof and equal roots;
/// size1 = 0 needs an empty proof and root1 = the empty-tree hash (RFC 9162 §2.1.1).
/// For any input, <see cref="VerifyConsistency"/> returns true or false and
/// <see cref="VerifyConsistencyOrThrow"/> succeeds or throws <see cref="ProtocolException"/> naming the failed
/// check. Work is O(log size2) however long the proof array is. Allocation-free on success and in
/// <see cref="VerifyConsistency"/>. Not thread-safe: one instance per thread.
/// </summary>
public sealed class ConsistencyProofVerifier
{
    private const int HashSize = MerkleHasher.HashSize;

    private readonly MerkleHasher _hasher = new MerkleHasher();
    private readonly byte[] _firstRoot = new byte[HashSize];
    private readonly byte[] _secondRoot = new byte[HashSize];

    public bool VerifyConsistency(long size1, long size2, byte[][] proof, byte[] root1, byte[] root2)
    {
        ProtocolError error;
        return Check(size1, size2, proof, root1, root2, out error) == null;
    }

    /// <summary>As <see cref="VerifyConsistency"/>, but throws <see cref="ProtocolException"/> saying which check failed.</summary>
    public void VerifyConsistencyOrThrow(long size1, long size2, byte[][] proof, byte[] root1, byte[] root2)
    {
        ProtocolError error;
        string failure = Check(size1, size2, proof, root1, root2, out error);
        if (failure != null)
        {
            throw new ProtocolException(error, failure);
        }
    }

    private string Check(long size1, long size2, byte[][] proof, byte[] root1, byte[] root2, out ProtocolError error)
    {
        error = ProtocolError.MerkleInvalidArgument;
        if (size1 < 0 || size2 < 0)
        {
            return "tree sizes must not be negative";
        }

        if (size1 > size2)
        {
            return "the first tree is larger than the second";
        }

        if (root1 == null || root1.Length != HashSize || root2 == null || root2.Length != HashSize)
        {
            return "a root hash is not 32 bytes";
        }

        if (proof == null)
        {
            return "proof is null";
        }

        error = ProtocolError.MerkleProofInvalid;
        if (size1 == size2 || size1 == 0)
        {
            return CheckTrivial(size1, size2, proof, root1, root2, out error);
        }

        if (proof.Length != MerkleTreeMath.ConsistencyProofLength(size1, size2))
        {
            return "proof length does not match the tree sizes";
        }

        for (int i = 0; i < proof.Length; i++)
        {
            if (proof[i] == null || proof[i].Length != HashSize)
            {
                return "a proof entry is not a 32-byte hash";
            }
        }

        // RFC 9162 §2.1.4.2 step 2: when size1 is a power of two, root1 is the (implicit) first path entry.
        bool startsWithRoot1 = MerkleTreeMath.IsPowerOfTwo(size1);
        int pathLength = startsWithRoot1 ? proof.Length + 1 : proof.Length;

        // Steps 3–5.
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        byte[] first = startsWithRoot1 ? root1 : proof[0];
        Array.Copy(first, 0, _firstRoot, 0, HashSize);
        Array.Copy(first, 0, _secondRoot, 0, HashSize);

        // Step 6.
        for (int i = 1; i < pathLength; i++)
        {
            if (sn == 0)
            {
                return "proof is longer than the path to the root";
            }

            byte[] c = startsWithRoot1 ? proof[i - 1] : proof[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                _hasher.HashChildren(c, 0, _firstRoot, 0, _firstRoot, 0);
                _hasher.HashChildren(c, 0, _secondRoot, 0, _secondRoot, 0);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                _hasher.HashChildren(_secondRoot, 0, c, 0, _secondRoot, 0);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 7.
        if (sn != 0)
        {
            return "proof is shorter than the path to the root";
        }

        if (!ConstantTime.AreEqual(_firstRoot, 0, root1, 0, HashSize))
        {
            return "the proof does not lead to the first root";
        }

        if (!ConstantTime.AreEqual(_secondRoot, 0, root2, 0, HashSize))
        {
            return "the proof does not lead to the second root";
        }

        error = ProtocolError.None;
        return null;
    }

    private string CheckTrivial(long size1, long size2, byte[][] proof, byte[] root1, byte[] root2, out ProtocolError error)
    {
        error = ProtocolError.MerkleProofInvalid;
        if (proof.Length != 0)
        {
            return "proof must be empty when the first tree is empty or the sizes are equal";
        }

        if (size1 == size2 && !ConstantTime.AreEqual(root1, 0, root2, 0, HashSize))
        {
            return "equal tree sizes with different roots";
        }

        if (size1 == 0)
        {
            _hasher.HashEmpty(_firstRoot, 0);
            if (!ConstantTime.AreEqual(_firstRoot, 0, root1, 0, HashSize))
            {
                return "the first root is not the empty-tree hash";
            }
        }

        error = ProtocolError.None;
        return null;
    }
}
