namespace Millwright.Protocol.Cbor;

/// <summary>The kind of the next data item (RFC 8949 §3.1 major types, with major type 7 split).</summary>
public enum CborType
{
    /// <summary>No further item: the enclosing container, or the whole input, is complete.</summary>
    End = 0,
    UnsignedInteger = 1,
    NegativeInteger = 2,
    ByteString = 3,
    TextString = 4,
    Array = 5,
    Map = 6,
    Tag = 7,
    Boolean = 8,
    Null = 9,
    Undefined = 10,
    SimpleValue = 11,
    Float = 12,
}
