namespace Millwright.Protocol.Cbor;

/// <summary>Fixed bounds of our CBOR subset.</summary>
public static class CborLimits
{
    /// <summary>Deepest nesting of arrays and maps a reader or writer accepts; our messages need 4.</summary>
    public const int MaxDepth = 16;
}
