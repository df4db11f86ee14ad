using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>
/// Reads any document through the reader's public API without materialising strings (so it allocates nothing),
/// optionally skipping random items with <see cref="CborReader.SkipValue"/>. Used by fuzz and allocation tests.
/// </summary>
internal static class CborWalker
{
    /// <summary>Walks the one top-level item and calls <see cref="CborReader.Finish"/>.</summary>
    public static void WalkDocument(CborReader reader, Random? skipChooser = null)
    {
        WalkItem(reader, skipChooser);
        reader.Finish();
    }

    public static void WalkItem(CborReader reader, Random? skipChooser)
    {
        // Tags can nest without bound; follow them in a loop rather than by recursion.
        while (true)
        {
            if (skipChooser != null && skipChooser.Next(6) == 0)
            {
                reader.SkipValue();
                return;
            }

            switch (reader.PeekType())
            {
                case CborType.UnsignedInteger:
                    reader.ReadUInt64();
                    return;
                case CborType.NegativeInteger:
                    ReadNegative(reader);
                    return;
                case CborType.ByteString:
                    reader.ReadByteString(out _);
                    return;
                case CborType.TextString:
                    reader.ReadTextStringBytes(out _);
                    return;
                case CborType.Array:
                    int count = reader.ReadArrayHeader();
                    for (int i = 0; i < count; i++)
                    {
                        WalkItem(reader, skipChooser);
                    }

                    return;
                case CborType.Map:
                    int pairs = reader.ReadMapHeader();
                    for (int i = 0; i < pairs; i++)
                    {
                        WalkKey(reader, skipChooser);
                        WalkItem(reader, skipChooser);
                    }

                    return;
                case CborType.Tag:
                    reader.ReadTag();
                    continue;
                case CborType.Boolean:
                    reader.ReadBoolean();
                    return;
                case CborType.Null:
                    reader.ReadNull();
                    return;
                case CborType.Undefined:
                case CborType.SimpleValue:
                    reader.ReadSimpleValue();
                    return;
                case CborType.Float:
                    reader.ReadSingle();
                    return;
                default:
                    throw new InvalidOperationException("PeekType said End where an item was expected");
            }
        }
    }

    private static void WalkKey(CborReader reader, Random? skipChooser)
    {
        if (skipChooser != null && skipChooser.Next(6) == 0)
        {
            reader.SkipValue();
        }
        else if (reader.PeekType() == CborType.UnsignedInteger)
        {
            reader.ReadUInt64();
        }
        else
        {
            ReadNegative(reader);
        }
    }

    // -2^64 .. -2^63 - 1 are well formed but do not fit ReadInt64; the reader can only skip them.
    private static void ReadNegative(CborReader reader)
    {
        try
        {
            reader.ReadInt64();
        }
        catch (ProtocolException e) when (e.Error == ProtocolError.CborIntegerOverflow && reader.PeekType() == CborType.NegativeInteger)
        {
            reader.SkipValue();
        }
    }
}
