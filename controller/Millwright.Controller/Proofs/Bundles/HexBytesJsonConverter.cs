using System.Text.Json;
using System.Text.Json.Serialization;

namespace Millwright.Controller.Proofs.Bundles;

/// <summary>Byte strings in bundles: "0x" and lowercase hex digits (any case is read), as Ethereum tools write them.</summary>
internal sealed class HexBytesJsonConverter : JsonConverter<byte[]>
{
    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is null || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length % 2 != 0)
        {
            throw new JsonException("a byte string is \"0x\" and an even number of hex digits");
        }

        try
        {
            return Convert.FromHexString(text.AsSpan(2));
        }
        catch (FormatException e)
        {
            throw new JsonException("a byte string is \"0x\" and an even number of hex digits", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
        writer.WriteStringValue("0x" + Convert.ToHexStringLower(value));
}
