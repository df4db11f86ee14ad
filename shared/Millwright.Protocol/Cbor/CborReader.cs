using Millwright.Protocol.Text;

namespace Millwright.Protocol.Cbor;

/// <summary>
/// Strict reader for our deterministic CBOR subset (RFC 8949 §4.2.1). It reads exactly one top-level item and
/// rejects, with <see cref="ProtocolException"/> and a precise <see cref="ProtocolError"/>: truncation, trailing
/// bytes (<see cref="Finish"/>), indefinite lengths, non-shortest arguments or floats, duplicate or unsorted or
/// non-integer map keys, integers that do not fit the requested type, nesting deeper than
/// <see cref="CborLimits.MaxDepth"/>, lengths larger than the input, reserved values and invalid UTF-8.
/// Reads no byte outside its range and allocates only for strings it is asked to return as objects.
/// </summary>
public sealed class CborReader
{
    private readonly CborNesting _nesting = new CborNesting(false);
    private byte[] _data;
    private int _position;
    private int _end;

    // The header most recently decoded by Peek, valid while _peeked is true.
    private bool _peeked;
    private int _major;
    private int _additional;
    private ulong _argument;
    private int _headerLength;

    public CborReader(byte[] data)
        : this(data, 0, data == null ? 0 : data.Length)
    {
    }

    public CborReader(byte[] data, int offset, int count)
    {
        Reset(data, offset, count);
    }

    public void Reset(byte[] data, int offset, int count)
    {
        if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
        {
            throw new ProtocolException(ProtocolError.CborTruncated, "CBOR: input range outside its array");
        }

        _data = data;
        _position = offset;
        _end = offset + count;
        _peeked = false;
        _nesting.Reset();
    }

    /// <summary>Offset of the next unread byte in the underlying array.</summary>
    public int Position
    {
        get { return _position; }
    }

    public int Depth
    {
        get { return _nesting.Depth; }
    }

    /// <summary>The kind of the next item, or <see cref="CborType.End"/> when the enclosing container is complete.</summary>
    public CborType PeekType()
    {
        if (_nesting.AtEnd)
        {
            return CborType.End;
        }

        Peek();
        switch (_major)
        {
            case 0: return CborType.UnsignedInteger;
            case 1: return CborType.NegativeInteger;
            case 2: return CborType.ByteString;
            case 3: return CborType.TextString;
            case 4: return CborType.Array;
            case 5: return CborType.Map;
            case 6: return CborType.Tag;
            default:
                if (_additional >= 25)
                {
                    return CborType.Float;
                }

                if (_argument == 20 || _argument == 21)
                {
                    return CborType.Boolean;
                }

                return _argument == 22 ? CborType.Null : (_argument == 23 ? CborType.Undefined : CborType.SimpleValue);
        }
    }

    public ulong ReadUInt64()
    {
        Peek();
        if (_major == 1)
        {
            throw new ProtocolException(ProtocolError.CborIntegerOverflow, "CBOR: negative integer where an unsigned one is required");
        }

        Expect(0, "unsigned integer");
        ulong value = _argument;
        ConsumeScalar(true);
        return value;
    }

    public long ReadInt64()
    {
        Peek();
        if (_major != 0 && _major != 1)
        {
            Expect(0, "integer");
        }

        if (_argument > long.MaxValue)
        {
            throw new ProtocolException(ProtocolError.CborIntegerOverflow, "CBOR: integer outside the 64-bit signed range");
        }

        long value = _major == 0 ? (long)_argument : -1 - (long)_argument;
        ConsumeScalar(true);
        return value;
    }

    public uint ReadUInt32()
    {
        Peek();
        if (_major == 0 && _argument > uint.MaxValue)
        {
            throw new ProtocolException(ProtocolError.CborIntegerOverflow, "CBOR: integer larger than 32 bits");
        }

        return (uint)ReadUInt64();
    }

    public int ReadInt32()
    {
        Peek();
        if ((_major == 0 && _argument > int.MaxValue) || (_major == 1 && _argument > int.MaxValue))
        {
            throw new ProtocolException(ProtocolError.CborIntegerOverflow, "CBOR: integer outside the 32-bit signed range");
        }

        return (int)ReadInt64();
    }

    /// <summary>Reads a byte string without copying: returns its length and its offset in the underlying array.</summary>
    public int ReadByteString(out int offset)
    {
        Peek();
        Expect(2, "byte string");
        return ConsumeString(out offset);
    }

    public byte[] ReadByteStringCopy()
    {
        int offset;
        int length = ReadByteString(out offset);
        byte[] copy = new byte[length];
        System.Array.Copy(_data, offset, copy, 0, length);
        return copy;
    }

    /// <summary>Reads a text string's validated UTF-8 bytes without copying.</summary>
    public int ReadTextStringBytes(out int offset)
    {
        Peek();
        Expect(3, "text string");
        int start = _position + _headerLength;
        int length = (int)_argument;
        if (Utf8.GetCharCount(_data, start, length) < 0)
        {
            throw new ProtocolException(ProtocolError.CborInvalidUtf8, "CBOR: text string is not valid UTF-8");
        }

        return ConsumeString(out offset);
    }

    public string ReadTextString()
    {
        Peek();
        Expect(3, "text string");
        int start = _position + _headerLength;
        int length = (int)_argument;
        int chars = Utf8.GetCharCount(_data, start, length);
        if (chars < 0)
        {
            throw new ProtocolException(ProtocolError.CborInvalidUtf8, "CBOR: text string is not valid UTF-8");
        }

        string text = Utf8.Decode(_data, start, length, chars);
        int ignored;
        ConsumeString(out ignored);
        return text;
    }

    /// <summary>
    /// Reads a text string, returning <paramref name="reuse"/> itself, without allocating, when the text equals it
    /// (a decoder reusing its message object reads the same device id in every message).
    /// </summary>
    public string ReadTextString(string reuse)
    {
        Peek();
        Expect(3, "text string");
        int start = _position + _headerLength;
        int length = (int)_argument;
        if (reuse != null && reuse.Length == length && Utf8.GetCharCount(_data, start, length) == length)
        {
            bool equal = true;
            for (int i = 0; i < length && equal; i++)
            {
                equal = _data[start + i] == reuse[i];
            }

            if (equal)
            {
                int ignored;
                ConsumeString(out ignored);
                return reuse;
            }
        }

        return ReadTextString();
    }

    /// <summary>Reads an array header; then read that many items. Nothing closes the array explicitly.</summary>
    public int ReadArrayHeader()
    {
        Peek();
        Expect(4, "array");
        int count = (int)_argument;
        Advance(false);
        _nesting.Open(count, false, false);
        return count;
    }

    /// <summary>Reads a map header and returns the number of pairs; keys must then be read as integers.</summary>
    public int ReadMapHeader()
    {
        Peek();
        Expect(5, "map");
        int pairs = (int)_argument;
        Advance(false);
        _nesting.Open(pairs * 2, true, false);
        return pairs;
    }

    /// <summary>Reads a tag number; the next item is its content.</summary>
    public ulong ReadTag()
    {
        Peek();
        Expect(6, "tag");
        if (_nesting.AtMapKey)
        {
            // A tagged integer is not an integer key (and the writer cannot produce one).
            throw new ProtocolException(ProtocolError.CborUnexpectedType, "CBOR: map keys must be integers");
        }

        ulong tag = _argument;
        _position += _headerLength;
        _peeked = false;
        return tag;
    }

    public bool ReadBoolean()
    {
        CborType type = PeekType();
        if (type != CborType.Boolean)
        {
            throw Unexpected("boolean");
        }

        bool value = _argument == 21;
        ConsumeScalar(false);
        return value;
    }

    public void ReadNull()
    {
        if (PeekType() != CborType.Null)
        {
            throw Unexpected("null");
        }

        ConsumeScalar(false);
    }

    public byte ReadSimpleValue()
    {
        CborType type = PeekType();
        if (type != CborType.SimpleValue && type != CborType.Boolean && type != CborType.Null && type != CborType.Undefined)
        {
            throw Unexpected("simple value");
        }

        byte value = (byte)_argument;
        ConsumeScalar(false);
        return value;
    }

    /// <summary>Reads a half- or single-precision float (our subset has no doubles).</summary>
    public float ReadSingle()
    {
        if (PeekType() != CborType.Float)
        {
            throw Unexpected("float");
        }

        float value = _additional == 25 ? FloatBits.FromBits(FloatBits.FromHalf((ushort)_argument)) : FloatBits.FromBits((uint)_argument);
        ConsumeScalar(false);
        return value;
    }

    /// <summary>Skips one complete item (with everything nested in it), still checking that it is well formed.</summary>
    public void SkipValue()
    {
        int depth = _nesting.Depth;
        bool tagged;
        do
        {
            tagged = false;
            switch (PeekType())
            {
                case CborType.End:
                    throw new ProtocolException(ProtocolError.CborUnexpectedType, "CBOR: no item to skip");
                case CborType.UnsignedInteger:
                case CborType.NegativeInteger:
                    ReadInt64OrSkipLarge();
                    break;
                case CborType.ByteString:
                    int ignored;
                    ReadByteString(out ignored);
                    break;
                case CborType.TextString:
                    ReadTextStringBytes(out ignored);
                    break;
                case CborType.Array:
                    ReadArrayHeader();
                    break;
                case CborType.Map:
                    ReadMapHeader();
                    break;
                case CborType.Tag:
                    // The tag's content is part of the item: go round again even though the depth is unchanged.
                    ReadTag();
                    tagged = true;
                    break;
                default:
                    ConsumeScalar(false);
                    break;
            }
        }
        while (tagged || _nesting.Depth > depth);
    }

    /// <summary>Checks that the one top-level item is complete and that nothing follows it.</summary>
    public void Finish()
    {
        if (!_nesting.RootDone)
        {
            throw new ProtocolException(ProtocolError.CborTruncated, "CBOR: input ends inside an item");
        }

        if (_position != _end)
        {
            throw new ProtocolException(ProtocolError.CborTrailingBytes, "CBOR: trailing bytes after the complete item");
        }
    }

    private void ReadInt64OrSkipLarge()
    {
        Peek();
        ConsumeScalar(true);
    }

    private void Peek()
    {
        if (_peeked)
        {
            return;
        }

        if (_nesting.AtEnd)
        {
            throw new ProtocolException(
                _nesting.Depth == 0 ? ProtocolError.CborTrailingBytes : ProtocolError.CborUnexpectedType,
                "CBOR: read past the end of the enclosing item");
        }

        if (_position >= _end)
        {
            throw new ProtocolException(ProtocolError.CborTruncated, "CBOR: input ends where an item was expected");
        }

        int initial = _data[_position];
        _major = initial >> 5;
        _additional = initial & 0x1f;
        if (_additional < 24)
        {
            _argument = (ulong)_additional;
            _headerLength = 1;
        }
        else if (_additional <= 27)
        {
            int size = 1 << (_additional - 24);
            if (_end - _position - 1 < size)
            {
                throw new ProtocolException(ProtocolError.CborTruncated, "CBOR: input ends inside an item header");
            }

            ulong value = 0;
            for (int i = 1; i <= size; i++)
            {
                value = (value << 8) | _data[_position + i];
            }

            _argument = value;
            _headerLength = size + 1;
            CheckCanonicalArgument(size);
        }
        else if (_additional == 31)
        {
            throw new ProtocolException(
                _major >= 2 && _major <= 5 ? ProtocolError.CborIndefiniteLength : ProtocolError.CborReservedValue,
                _major >= 2 && _major <= 5 ? "CBOR: indefinite length is not allowed" : "CBOR: unexpected break or reserved encoding");
        }
        else
        {
            throw new ProtocolException(ProtocolError.CborReservedValue, "CBOR: reserved additional information 28..30");
        }

        CheckLengthFitsInput();
        _peeked = true;
    }

    private void CheckCanonicalArgument(int size)
    {
        if (_major == 7)
        {
            if (size == 1 && _argument < 32)
            {
                throw new ProtocolException(ProtocolError.CborReservedValue, "CBOR: simple value below 32 in two bytes");
            }

            if (size == 8)
            {
                throw new ProtocolException(ProtocolError.CborUnsupported, "CBOR: double precision is outside our subset");
            }

            ushort half;
            if (size == 4 && FloatBits.TryToHalf((uint)_argument, out half))
            {
                throw new ProtocolException(ProtocolError.CborNonCanonical, "CBOR: float fits in half precision");
            }

            // RFC 8949 §4.2.2: NaN has one encoding, 0xf97e00; any other payload or sign would not re-encode the same.
            if (size == 2 && (_argument & 0x7c00) == 0x7c00 && (_argument & 0x3ff) != 0 && _argument != FloatBits.CanonicalHalfNaN)
            {
                throw new ProtocolException(ProtocolError.CborNonCanonical, "CBOR: NaN other than 0xf97e00");
            }

            return;
        }

        ulong minimum = size == 1 ? 24UL : (size == 2 ? 0x100UL : (size == 4 ? 0x10000UL : 0x100000000UL));
        if (_argument < minimum)
        {
            throw new ProtocolException(ProtocolError.CborNonCanonical, "CBOR: integer or length not in its shortest form");
        }
    }

    // Every item takes at least one byte, so a count larger than what is left cannot be honest: refuse it
    // before anyone allocates for it.
    private void CheckLengthFitsInput()
    {
        ulong available = (ulong)(_end - _position - _headerLength);
        if ((_major == 2 || _major == 3 || _major == 4) && _argument > available)
        {
            throw new ProtocolException(ProtocolError.CborLengthExceedsInput, "CBOR: length larger than the input");
        }

        if (_major == 5 && _argument > available / 2)
        {
            throw new ProtocolException(ProtocolError.CborLengthExceedsInput, "CBOR: map larger than the input");
        }
    }

    private void Expect(int major, string what)
    {
        if (_major != major)
        {
            throw Unexpected(what);
        }
    }

    private ProtocolException Unexpected(string what)
    {
        return new ProtocolException(ProtocolError.CborUnexpectedType, "CBOR: expected " + what);
    }

    private int ConsumeString(out int offset)
    {
        offset = _position + _headerLength;
        int length = (int)_argument;
        _nesting.BeforeItem(false, _major, 0, false);
        _position = offset + length;
        _peeked = false;
        _nesting.AfterItem();
        return length;
    }

    private void ConsumeScalar(bool isInteger)
    {
        _nesting.BeforeItem(isInteger, _major, _argument, false);
        _position += _headerLength;
        _peeked = false;
        _nesting.AfterItem();
    }

    private void Advance(bool isInteger)
    {
        _nesting.BeforeItem(isInteger, _major, _argument, false);
        _position += _headerLength;
        _peeked = false;
    }
}
