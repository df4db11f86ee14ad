using Millwright.Protocol.Text;

namespace Millwright.Protocol.Cbor;

/// <summary>
/// Deterministic CBOR writer (RFC 8949 §4.2.1) for our subset, into a caller-owned buffer: shortest argument
/// encodings, definite lengths only, integer map keys checked to be unique and in ascending bytewise order,
/// floats in the shortest of half/single precision that keeps the value. Allocates nothing after construction.
/// Misuse (wrong item counts, unsorted keys, a full buffer) throws <see cref="ProtocolException"/>.
/// </summary>
public sealed class CborWriter
{
    private readonly CborNesting _nesting = new CborNesting(true);
    private byte[] _buffer;
    private int _start;
    private int _position;

    public CborWriter(byte[] buffer)
        : this(buffer, 0)
    {
    }

    public CborWriter(byte[] buffer, int offset)
    {
        Reset(buffer, offset);
    }

    public byte[] Buffer
    {
        get { return _buffer; }
    }

    /// <summary>Offset in <see cref="Buffer"/> where the output starts.</summary>
    public int Offset
    {
        get { return _start; }
    }

    /// <summary>Bytes written so far.</summary>
    public int Length
    {
        get { return _position - _start; }
    }

    /// <summary>True once exactly one complete top-level item has been written.</summary>
    public bool IsComplete
    {
        get { return _nesting.RootDone; }
    }

    public void Reset()
    {
        _position = _start;
        _nesting.Reset();
    }

    public void Reset(byte[] buffer, int offset)
    {
        if (buffer == null || offset < 0 || offset > buffer.Length)
        {
            throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: invalid output buffer");
        }

        _buffer = buffer;
        _start = offset;
        Reset();
    }

    public void WriteUInt64(ulong value)
    {
        _nesting.BeforeItem(true, 0, value, true);
        WriteHeader(0, value);
        _nesting.AfterItem();
    }

    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
            return;
        }

        // RFC 8949 §3.1 major type 1: the argument is -1 - n.
        ulong argument = (ulong)(-1 - value);
        _nesting.BeforeItem(true, 1, argument, true);
        WriteHeader(1, argument);
        _nesting.AfterItem();
    }

    public void WriteInt32(int value)
    {
        WriteInt64(value);
    }

    public void WriteByteString(byte[] data)
    {
        WriteByteString(data, 0, data == null ? 0 : data.Length);
    }

    public void WriteByteString(byte[] data, int offset, int count)
    {
        if (count < 0 || offset < 0 || (count > 0 && (data == null || offset > data.Length - count)))
        {
            throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: byte string range outside its array");
        }

        _nesting.BeforeItem(false, 2, 0, true);
        WriteHeader(2, (ulong)count);
        Ensure(count);
        if (count > 0)
        {
            System.Array.Copy(data, offset, _buffer, _position, count);
        }

        _position += count;
        _nesting.AfterItem();
    }

    public void WriteTextString(string text)
    {
        if (text == null)
        {
            throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: text string is null");
        }

        int byteCount = Utf8.GetByteCount(text);
        if (byteCount < 0)
        {
            throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: text holds an unpaired surrogate");
        }

        _nesting.BeforeItem(false, 3, 0, true);
        WriteHeader(3, (ulong)byteCount);
        Ensure(byteCount);
        _position += Utf8.Encode(text, _buffer, _position);
        _nesting.AfterItem();
    }

    public void WriteArrayHeader(int count)
    {
        if (count < 0)
        {
            throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: negative array length");
        }

        _nesting.BeforeItem(false, 4, 0, true);
        WriteHeader(4, (ulong)count);
        _nesting.Open(count, false, true);
    }

    /// <summary>Starts a map of <paramref name="pairCount"/> pairs; write keys in ascending order.</summary>
    public void WriteMapHeader(int pairCount)
    {
        if (pairCount < 0 || pairCount > 0x3fffffff)
        {
            throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: invalid map size");
        }

        _nesting.BeforeItem(false, 5, 0, true);
        WriteHeader(5, (ulong)pairCount);
        _nesting.Open(pairCount * 2, true, true);
    }

    /// <summary>Writes a tag (RFC 8949 §3.4); the next item written is its content.</summary>
    public void WriteTag(ulong tag)
    {
        if (_nesting.AtMapKey || _nesting.AtEnd)
        {
            throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: a tag cannot stand here");
        }

        WriteHeader(6, tag);
    }

    public void WriteBoolean(bool value)
    {
        WriteSimple(value ? (byte)21 : (byte)20);
    }

    public void WriteNull()
    {
        WriteSimple(22);
    }

    public void WriteSimpleValue(byte value)
    {
        if (value >= 24 && value < 32)
        {
            throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: simple values 24..31 are reserved");
        }

        WriteSimple(value);
    }

    /// <summary>Writes a float in the shortest IEEE 754 form that keeps its value (half or single precision).</summary>
    public void WriteSingle(float value)
    {
        _nesting.BeforeItem(false, 7, 0, true);
        uint bits = FloatBits.ToBits(value);
        ushort half;
        if (FloatBits.TryToHalf(bits, out half))
        {
            Ensure(3);
            _buffer[_position++] = 0xf9;
            _buffer[_position++] = (byte)(half >> 8);
            _buffer[_position++] = (byte)half;
        }
        else
        {
            Ensure(5);
            _buffer[_position++] = 0xfa;
            WriteBigEndian(bits, 4);
        }

        _nesting.AfterItem();
    }

    /// <summary>
    /// Copies an already-encoded, complete, deterministic item (for example a nested COSE structure) as one item.
    /// The caller vouches for its encoding.
    /// </summary>
    public void WriteEncodedValue(byte[] encoded, int offset, int count)
    {
        if (encoded == null || count <= 0 || offset < 0 || offset > encoded.Length - count)
        {
            throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: encoded value range outside its array");
        }

        _nesting.BeforeItem(false, 7, 0, true);
        Ensure(count);
        System.Array.Copy(encoded, offset, _buffer, _position, count);
        _position += count;
        _nesting.AfterItem();
    }

    private void WriteSimple(byte value)
    {
        _nesting.BeforeItem(false, 7, 0, true);
        if (value < 24)
        {
            Ensure(1);
            _buffer[_position++] = (byte)(0xe0 | value);
        }
        else
        {
            Ensure(2);
            _buffer[_position++] = 0xf8;
            _buffer[_position++] = value;
        }

        _nesting.AfterItem();
    }

    // RFC 8949 §4.2.1: the argument in its shortest form.
    private void WriteHeader(int major, ulong argument)
    {
        int initial = major << 5;
        if (argument < 24)
        {
            Ensure(1);
            _buffer[_position++] = (byte)(initial | (int)argument);
        }
        else if (argument <= 0xff)
        {
            Ensure(2);
            _buffer[_position++] = (byte)(initial | 24);
            _buffer[_position++] = (byte)argument;
        }
        else if (argument <= 0xffff)
        {
            Ensure(3);
            _buffer[_position++] = (byte)(initial | 25);
            WriteBigEndian(argument, 2);
        }
        else if (argument <= 0xffffffff)
        {
            Ensure(5);
            _buffer[_position++] = (byte)(initial | 26);
            WriteBigEndian(argument, 4);
        }
        else
        {
            Ensure(9);
            _buffer[_position++] = (byte)(initial | 27);
            WriteBigEndian(argument, 8);
        }
    }

    private void WriteBigEndian(ulong value, int byteCount)
    {
        for (int i = byteCount - 1; i >= 0; i--)
        {
            _buffer[_position++] = (byte)(value >> (i * 8));
        }
    }

    private void Ensure(int count)
    {
        if (count > _buffer.Length - _position)
        {
            throw new ProtocolException(ProtocolError.CborBufferTooSmall, "CBOR: output buffer too small");
        }
    }
}
