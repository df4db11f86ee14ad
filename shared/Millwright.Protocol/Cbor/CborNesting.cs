namespace Millwright.Protocol.Cbor;

/// <summary>
/// Bookkeeping shared by <see cref="CborReader"/> and <see cref="CborWriter"/>: how many items each open array or map
/// still expects, and the last key of each map so that keys are checked to be unique and in order
/// (RFC 8949 §4.2.1: sorted by the bytewise order of their encodings). Only integer keys are allowed.
/// </summary>
internal sealed class CborNesting
{
    private readonly int[] _remaining = new int[CborLimits.MaxDepth + 1];
    private readonly bool[] _isMap = new bool[CborLimits.MaxDepth + 1];
    private readonly bool[] _hasKey = new bool[CborLimits.MaxDepth + 1];
    private readonly int[] _keyMajor = new int[CborLimits.MaxDepth + 1];
    private readonly ulong[] _keyArgument = new ulong[CborLimits.MaxDepth + 1];
    private readonly ProtocolError _orderError;
    private int _depth;
    private bool _rootDone;

    internal CborNesting(bool forWriter)
    {
        _orderError = forWriter ? ProtocolError.CborWriterMisuse : ProtocolError.CborUnsortedKeys;
    }

    internal int Depth
    {
        get { return _depth; }
    }

    /// <summary>True once the single top-level item has been completely read or written.</summary>
    internal bool RootDone
    {
        get { return _rootDone; }
    }

    internal void Reset()
    {
        _depth = 0;
        _rootDone = false;
    }

    /// <summary>True when the next item in the innermost open map is a key.</summary>
    internal bool AtMapKey
    {
        get { return _depth > 0 && _isMap[_depth] && (_remaining[_depth] & 1) == 0; }
    }

    /// <summary>True when the current container (or the top level) takes no further item.</summary>
    internal bool AtEnd
    {
        get { return _depth == 0 ? _rootDone : _remaining[_depth] == 0; }
    }

    /// <summary>Called before an item is read or written; fails when no item may stand here.</summary>
    internal void BeforeItem(bool isIntegerKey, int major, ulong argument, bool forWriter)
    {
        if (AtEnd)
        {
            if (forWriter)
            {
                throw new ProtocolException(ProtocolError.CborWriterMisuse, "CBOR: no further item expected here");
            }

            throw new ProtocolException(ProtocolError.CborTrailingBytes, "CBOR: trailing bytes after the complete item");
        }

        if (!AtMapKey)
        {
            return;
        }

        if (!isIntegerKey)
        {
            throw new ProtocolException(
                forWriter ? ProtocolError.CborWriterMisuse : ProtocolError.CborUnexpectedType,
                "CBOR: map keys must be integers");
        }

        if (_hasKey[_depth])
        {
            int order = major != _keyMajor[_depth] ? major - _keyMajor[_depth] :
                argument == _keyArgument[_depth] ? 0 : (argument > _keyArgument[_depth] ? 1 : -1);
            if (order == 0)
            {
                throw new ProtocolException(
                    forWriter ? ProtocolError.CborWriterMisuse : ProtocolError.CborDuplicateKey,
                    "CBOR: duplicate map key");
            }

            if (order < 0)
            {
                throw new ProtocolException(_orderError, "CBOR: map keys not in canonical order");
            }
        }

        _hasKey[_depth] = true;
        _keyMajor[_depth] = major;
        _keyArgument[_depth] = argument;
    }

    /// <summary>Records a completed item; closes every container it completes.</summary>
    internal void AfterItem()
    {
        while (true)
        {
            if (_depth == 0)
            {
                _rootDone = true;
                return;
            }

            _remaining[_depth]--;
            if (_remaining[_depth] > 0)
            {
                return;
            }

            _depth--;
        }
    }

    /// <summary>Opens an array (items) or map (2 × pairs); an empty container is complete at once.</summary>
    internal void Open(int items, bool isMap, bool forWriter)
    {
        // An empty container nests as deep as a full one.
        if (_depth == CborLimits.MaxDepth)
        {
            throw new ProtocolException(
                forWriter ? ProtocolError.CborWriterMisuse : ProtocolError.CborNestingTooDeep,
                "CBOR: nesting deeper than " + CborLimits.MaxDepth.ToString());
        }

        if (items == 0)
        {
            AfterItem();
            return;
        }

        _depth++;
        _remaining[_depth] = items;
        _isMap[_depth] = isMap;
        _hasKey[_depth] = false;
    }
}
