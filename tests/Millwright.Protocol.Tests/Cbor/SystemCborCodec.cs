using System.Formats.Cbor;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>Converts between <see cref="CborNode"/> and bytes with System.Formats.Cbor, the independent implementation.</summary>
internal static class SystemCborCodec
{
    public static byte[] Encode(CborNode node, CborConformanceMode mode)
    {
        var writer = new CborWriter(mode);
        Write(writer, node);
        return writer.Encode();
    }

    public static CborNode Decode(byte[] data, CborConformanceMode mode)
    {
        var reader = new CborReader(data, mode);
        CborNode node = Read(reader);
        Assert.Equal(CborReaderState.Finished, reader.PeekState());
        return node;
    }

    private static void Write(CborWriter writer, CborNode node)
    {
        switch (node.Kind)
        {
            case CborNode.NodeKind.UInt:
                writer.WriteUInt64(node.Value);
                break;
            case CborNode.NodeKind.NInt:
                writer.WriteCborNegativeIntegerRepresentation(node.Value);
                break;
            case CborNode.NodeKind.Bytes:
                writer.WriteByteString(node.Bytes);
                break;
            case CborNode.NodeKind.Text:
                writer.WriteTextString(node.Text);
                break;
            case CborNode.NodeKind.Array:
                writer.WriteStartArray(node.Items.Count);
                node.Items.ForEach(item => Write(writer, item));
                writer.WriteEndArray();
                break;
            case CborNode.NodeKind.Map:
                writer.WriteStartMap(node.Items.Count / 2);
                node.Items.ForEach(item => Write(writer, item));
                writer.WriteEndMap();
                break;
            case CborNode.NodeKind.Tag:
                writer.WriteTag((CborTag)node.Value);
                Write(writer, node.Items[0]);
                break;
            case CborNode.NodeKind.Simple:
                writer.WriteSimpleValue((CborSimpleValue)node.Value);
                break;
            default:
                // In Strict and Canonical modes WriteSingle already picks half precision when it keeps the value.
                writer.WriteSingle(node.Float);
                break;
        }
    }

    private static CborNode Read(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                return CborNode.UInt(reader.ReadUInt64());
            case CborReaderState.NegativeInteger:
                return CborNode.NInt(reader.ReadCborNegativeIntegerRepresentation());
            case CborReaderState.ByteString:
                return CborNode.ByteString(reader.ReadByteString());
            case CborReaderState.TextString:
                return CborNode.TextString(reader.ReadTextString());
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                var items = new List<CborNode>();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    items.Add(Read(reader));
                }

                reader.ReadEndArray();
                return CborNode.Array(items.ToArray());
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                var pairs = new List<CborNode>();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    pairs.Add(Read(reader));
                }

                reader.ReadEndMap();
                return CborNode.Map(pairs.ToArray());
            case CborReaderState.Tag:
                var tag = (ulong)reader.ReadTag();
                return CborNode.Tagged(tag, Read(reader));
            case CborReaderState.Boolean:
            case CborReaderState.Null:
            case CborReaderState.SimpleValue:
                return CborNode.Simple((byte)reader.ReadSimpleValue());
            case CborReaderState.HalfPrecisionFloat:
                return CborNode.Single((float)reader.ReadHalf());
            case CborReaderState.SinglePrecisionFloat:
                return CborNode.Single(reader.ReadSingle());
            default:
                throw new InvalidOperationException("unexpected state " + reader.PeekState());
        }
    }
}
