namespace Millwright.Protocol.Crypto;

/// <summary>
/// HMAC-SHA-256 (RFC 2104, FIPS 198-1), managed and incremental. <see cref="SetKey"/> compresses the padded
/// key once; each message then costs its own blocks plus two. Nothing is allocated after construction.
/// Not thread-safe: one instance per thread.
/// </summary>
public sealed class HmacSha256
{
    public const int TagSize = Sha256.HashSize;

    private const byte InnerPad = 0x36;
    private const byte OuterPad = 0x5c;

    private readonly Sha256 _sha = new Sha256();
    private readonly byte[] _keyBlock = new byte[Sha256.BlockSize];
    private readonly byte[] _innerHash = new byte[Sha256.HashSize];
    private readonly uint[] _innerState = new uint[8];
    private readonly uint[] _outerState = new uint[8];
    private bool _hasKey;

    public HmacSha256()
    {
    }

    public HmacSha256(byte[] key)
    {
        SetKey(key, 0, key.Length);
    }

    /// <summary>Sets the key (any length; longer than a block is hashed first, RFC 2104 §2) and starts a message.</summary>
    public void SetKey(byte[] key, int offset, int count)
    {
        if (key == null || offset < 0 || count < 0 || offset > key.Length - count)
        {
            throw new System.ArgumentOutOfRangeException(nameof(count));
        }

        for (int i = 0; i < _keyBlock.Length; i++)
        {
            _keyBlock[i] = 0;
        }

        if (count > Sha256.BlockSize)
        {
            _sha.Hash(key, offset, count, _keyBlock, 0);
        }
        else
        {
            System.Array.Copy(key, offset, _keyBlock, 0, count);
        }

        ulong ignored;
        XorKeyBlock(InnerPad);
        _sha.Initialize();
        _sha.Append(_keyBlock, 0, Sha256.BlockSize);
        _sha.SaveState(_innerState, out ignored);

        XorKeyBlock(InnerPad ^ OuterPad);
        _sha.Initialize();
        _sha.Append(_keyBlock, 0, Sha256.BlockSize);
        _sha.SaveState(_outerState, out ignored);

        // The pads are no longer needed; do not keep key material around longer than necessary.
        for (int i = 0; i < _keyBlock.Length; i++)
        {
            _keyBlock[i] = 0;
        }

        _hasKey = true;
        Initialize();
    }

    /// <summary>Starts a new message with the current key.</summary>
    public void Initialize()
    {
        if (!_hasKey)
        {
            throw new System.InvalidOperationException("HMAC key not set");
        }

        _sha.RestoreState(_innerState, Sha256.BlockSize);
    }

    public void Append(byte value)
    {
        _sha.Append(value);
    }

    public void Append(byte[] data, int offset, int count)
    {
        _sha.Append(data, offset, count);
    }

    /// <summary>Writes the 32-byte tag at <paramref name="offset"/> and starts a new message with the same key.</summary>
    public void Finish(byte[] output, int offset)
    {
        _sha.Finish(_innerHash, 0);
        _sha.RestoreState(_outerState, Sha256.BlockSize);
        _sha.Append(_innerHash, 0, Sha256.HashSize);
        _sha.Finish(output, offset);
        Initialize();
    }

    /// <summary>One-shot tag of <paramref name="count"/> bytes with the current key.</summary>
    public void Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
    {
        Initialize();
        Append(data, offset, count);
        Finish(output, outputOffset);
    }

    private void XorKeyBlock(int pad)
    {
        for (int i = 0; i < _keyBlock.Length; i++)
        {
            _keyBlock[i] = (byte)(_keyBlock[i] ^ pad);
        }
    }
}
