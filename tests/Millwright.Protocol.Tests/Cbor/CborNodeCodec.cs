using Millwright.Protocol.Cbor;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>Converts between <see cref="CborNode"/> and bytes with our <see cref="CborWriter"/> and <see cref="CborReader"/>.</summary>
internal static class CborNodeCodec
{
    public static byte[] Encode(CborNode node)
    {
        for (int capacity = 256; ; capacity *= 16)
        {
            var writer = new CborWriter(new byte[capacity]);
            try
            {
                Write(writer, node);
            }
            catch (ProtocolException e) when (e.Error == ProtocolError.CborBufferTooSmall)
            {
                continue;
            }

            Assert.True(writer.IsComplete);
            return writer.Buffer.AsSpan(writer.Offset, writer.Length).ToArray();
        }
    }

    public static void Write(CborWriter writer, CborNode node)
    {
        switch (node.Kind)
        {
            case CborNode.NodeKind.UInt:
                writer.WriteUInt64(node.Value);
                break;
            case CborNode.NodeKind.NInt:
                writer.WriteInt64(-1 - checked((long)node.Value));
                break;
            case CborNode.NodeKind.Bytes:
                writer.WriteByteString(node.Bytes);
                break;
            case CborNode.NodeKind.Text:
                writer.WriteTextString(node.Text);
                break;
            case CborNode.NodeKind.Array:
                writer.WriteArrayHeader(node.Items.Count);
                node.Items.ForEach(item => Write(writer, item));
                break;
            case CborNode.NodeKind.Map:
                writer.WriteMapHeader(node.Items.Count / 2);
                node.Items.ForEach(item => Write(writer, item));
                break;
            case CborNode.NodeKind.Tag:
                writer.WriteTag(node.Value);
                Write(writer, node.Items[0]);
                break;
            case CborNode.NodeKind.Simple:
                writer.WriteSimpleValue((byte)node.Value);
                break;
            default:
                writer.WriteSingle(node.Float);
                break;
        }
    }

    /// <summary>Reads exactly one complete document.</summary>
    public static CborNode Decode(byte[] data)
    {
        var reader = new CborReader(data);
        CborNode node = Read(reader);
        reader.Finish();
        return node;
    }

    public static CborNode Read(CborReader reader)
    {
        switch (reader.PeekType())
        {
            case CborType.UnsignedInteger:
                return CborNode.UInt(reader.ReadUInt64());
            case CborType.NegativeInteger:
                return CborNode.Int(reader.ReadInt64());
            case CborType.ByteString:
                return CborNode.ByteString(reader.ReadByteStringCopy());
            case CborType.TextString:
                return CborNode.TextString(reader.ReadTextString());
            case CborType.Array:
                int count = reader.ReadArrayHeader();
                return CborNode.Array(Enumerable.Range(0, count).Select(_ => Read(reader)).ToArray());
            case CborType.Map:
                int pairs = reader.ReadMapHeader();
                var items = new List<CborNode>();
                for (int i = 0; i < pairs; i++)
                {
                    items.Add(reader.PeekType() == CborType.UnsignedInteger ? CborNode.UInt(reader.ReadUInt64()) : CborNode.Int(reader.ReadInt64()));
                    items.Add(Read(reader));
                }

                return CborNode.Map(items.ToArray());
            case CborType.Tag:
                ulong tag = reader.ReadTag();
                return CborNode.Tagged(tag, Read(reader));
            case CborType.Boolean:
                return CborNode.Simple(reader.ReadBoolean() ? (byte)21 : (byte)20);
            case CborType.Null:
                reader.ReadNull();
                return CborNode.Simple(22);
            case CborType.Undefined:
            case CborType.SimpleValue:
                return CborNode.Simple(reader.ReadSimpleValue());
            case CborType.Float:
                return CborNode.Single(reader.ReadSingle());
            default:
                throw new InvalidOperationException("PeekType said End where an item was expected");
        }
    }
}
