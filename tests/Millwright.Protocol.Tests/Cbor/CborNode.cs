using System.Text;

namespace Millwright.Protocol.Tests.Cbor;

/// <summary>
/// A decoded CBOR item as plain data, for comparing what different encoders and decoders made of a document.
/// Maps keep their pairs in document order as alternating key, value items.
/// </summary>
internal sealed class CborNode
{
    public enum NodeKind
    {
        UInt,
        NInt,
        Bytes,
        Text,
        Array,
        Map,
        Tag,
        Simple,
        Float,
    }

    private CborNode(NodeKind kind)
    {
        Kind = kind;
    }

    public NodeKind Kind { get; }

    /// <summary>UInt: the value; NInt: the argument (value = -1 - argument); Tag: the tag number; Simple: the simple value.</summary>
    public ulong Value { get; private init; }

    public byte[] Bytes { get; private init; } = [];

    public string Text { get; private init; } = "";

    public float Float { get; private init; }

    /// <summary>Array items, or map keys and values alternating; a tag's single content item.</summary>
    public List<CborNode> Items { get; } = [];

    public static CborNode UInt(ulong value) => new(NodeKind.UInt) { Value = value };

    public static CborNode NInt(ulong argument) => new(NodeKind.NInt) { Value = argument };

    public static CborNode Int(long value) => value >= 0 ? UInt((ulong)value) : NInt((ulong)(-1 - value));

    public static CborNode ByteString(byte[] bytes) => new(NodeKind.Bytes) { Bytes = bytes };

    public static CborNode TextString(string text) => new(NodeKind.Text) { Text = text };

    public static CborNode Simple(byte value) => new(NodeKind.Simple) { Value = value };

    public static CborNode Single(float value) => new(NodeKind.Float) { Float = value };

    public static CborNode Array(params CborNode[] items)
    {
        var node = new CborNode(NodeKind.Array);
        node.Items.AddRange(items);
        return node;
    }

    /// <summary>A map from alternating keys and values.</summary>
    public static CborNode Map(params CborNode[] keysAndValues)
    {
        var node = new CborNode(NodeKind.Map);
        node.Items.AddRange(keysAndValues);
        return node;
    }

    public static CborNode Tagged(ulong tag, CborNode content)
    {
        var node = new CborNode(NodeKind.Tag) { Value = tag };
        node.Items.Add(content);
        return node;
    }

    /// <summary>A diagnostic-notation-like rendering (RFC 8949 §8) that is exact: floats appear as their bits, NaNs as one NaN.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Render(builder);
        return builder.ToString();
    }

    private void Render(StringBuilder builder)
    {
        switch (Kind)
        {
            case NodeKind.UInt:
                builder.Append(Value);
                break;
            case NodeKind.NInt:
                builder.Append('-').Append((UInt128)Value + 1);
                break;
            case NodeKind.Bytes:
                builder.Append("h'").Append(Convert.ToHexStringLower(Bytes)).Append('\'');
                break;
            case NodeKind.Text:
                builder.Append("t'").Append(Convert.ToHexStringLower(Encoding.Unicode.GetBytes(Text))).Append('\'');
                break;
            case NodeKind.Array:
            case NodeKind.Map:
                builder.Append(Kind == NodeKind.Array ? '[' : '{');
                for (int i = 0; i < Items.Count; i++)
                {
                    builder.Append(i == 0 ? "" : Kind == NodeKind.Map && i % 2 == 1 ? ": " : ", ");
                    Items[i].Render(builder);
                }

                builder.Append(Kind == NodeKind.Array ? ']' : '}');
                break;
            case NodeKind.Tag:
                builder.Append(Value).Append('(');
                Items[0].Render(builder);
                builder.Append(')');
                break;
            case NodeKind.Simple:
                builder.Append("simple(").Append(Value).Append(')');
                break;
            default:
                builder.Append(float.IsNaN(Float) ? "NaN" : "f" + BitConverter.SingleToUInt32Bits(Float).ToString("x8"));
                break;
        }
    }
}
