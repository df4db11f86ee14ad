using Millwright.Protocol.Cbor;
using Millwright.Protocol.Text;
using Millwright.Protocol.Topics;

namespace Millwright.Protocol.Messages;

/// <summary>
/// Field-level helpers shared by the message decoders: the type check, keys, bounded text, required fields.
/// Unknown keys are skipped (a newer sender may add fields); known keys must have their documented type.
/// </summary>
internal static class PayloadReader
{
    /// <summary>Reads the map header and the type field (key 1, first); returns the number of pairs left.</summary>
    internal static int Begin(CborReader reader, MessageType expected)
    {
        if (reader.PeekType() != CborType.Map)
        {
            throw new ProtocolException(ProtocolError.MessageWrongType, "payload is not a map");
        }

        int pairs = reader.ReadMapHeader();
        if (pairs == 0 || reader.PeekType() != CborType.UnsignedInteger || reader.ReadUInt64() != MessageKeys.Type)
        {
            throw new ProtocolException(ProtocolError.MessageMissingField, "payload must start with its type (key 1)");
        }

        ulong type = ReadUInt(reader, "type");
        if (type != (ulong)expected)
        {
            throw new ProtocolException(ProtocolError.MessageWrongType, "payload type " + type.ToString() + " where " + ((int)expected).ToString() + " was expected");
        }

        return pairs - 1;
    }

    /// <summary>Reads a key; negative and large keys come back as -1 (unknown, to be skipped).</summary>
    internal static int ReadKey(CborReader reader)
    {
        if (reader.PeekType() == CborType.NegativeInteger)
        {
            reader.ReadInt64();
            return -1;
        }

        ulong key = reader.ReadUInt64();
        return key < 64 ? (int)key : -1;
    }

    internal static ulong ReadUInt(CborReader reader, string field)
    {
        if (reader.PeekType() != CborType.UnsignedInteger)
        {
            throw Invalid(field, "an unsigned integer");
        }

        return reader.ReadUInt64();
    }

    internal static long ReadInt(CborReader reader, string field)
    {
        CborType type = reader.PeekType();
        if (type != CborType.UnsignedInteger && type != CborType.NegativeInteger)
        {
            throw Invalid(field, "an integer");
        }

        return reader.ReadInt64();
    }

    internal static int ReadBoundedInt(CborReader reader, string field, long minimum, long maximum)
    {
        long value = ReadInt(reader, field);
        if (value < minimum || value > maximum)
        {
            throw new ProtocolException(ProtocolError.MessageInvalidField, field + " out of range");
        }

        return (int)value;
    }

    internal static uint ReadUInt32(CborReader reader, string field)
    {
        ulong value = ReadUInt(reader, field);
        if (value > uint.MaxValue)
        {
            throw new ProtocolException(ProtocolError.MessageInvalidField, field + " out of range");
        }

        return (uint)value;
    }

    internal static long ReadTime(CborReader reader, string field)
    {
        ulong value = ReadUInt(reader, field);
        if (value > long.MaxValue)
        {
            throw new ProtocolException(ProtocolError.MessageInvalidField, field + " out of range");
        }

        return (long)value;
    }

    /// <summary>Sequence numbers and command ids start at 1 and stay below 2^63 (they are stored as signed 64-bit).</summary>
    internal static ulong ReadSequence(CborReader reader, string field)
    {
        ulong value = ReadUInt(reader, field);
        if (value == 0 || value > long.MaxValue)
        {
            throw new ProtocolException(ProtocolError.MessageInvalidField, field + " must be between 1 and 2^63-1");
        }

        return value;
    }

    internal static float ReadFloat(CborReader reader, string field)
    {
        if (reader.PeekType() != CborType.Float)
        {
            throw Invalid(field, "a float");
        }

        return reader.ReadSingle();
    }

    internal static bool ReadBool(CborReader reader, string field)
    {
        if (reader.PeekType() != CborType.Boolean)
        {
            throw Invalid(field, "a boolean");
        }

        return reader.ReadBoolean();
    }

    internal static string ReadText(CborReader reader, string field)
    {
        if (reader.PeekType() != CborType.TextString)
        {
            throw Invalid(field, "a text string");
        }

        // The reader bounds every length by the input, which is itself bounded by MaxMessageBytes.
        string text = reader.ReadTextString();
        if (Utf8.GetByteCount(text) > ProtocolLimits.MaxTextBytes)
        {
            throw new ProtocolException(ProtocolError.MessageTooLarge, field + " longer than " + ProtocolLimits.MaxTextBytes.ToString() + " bytes");
        }

        return text;
    }

    /// <summary>Reads and validates a device id; returns <paramref name="previous"/> without allocating when unchanged.</summary>
    internal static string ReadDeviceId(CborReader reader, string previous)
    {
        if (reader.PeekType() != CborType.TextString)
        {
            throw Invalid("device id", "a text string");
        }

        string id = reader.ReadTextString(previous);
        if (id.Length > ProtocolLimits.MaxTextBytes)
        {
            throw new ProtocolException(ProtocolError.MessageTooLarge, "device id longer than " + ProtocolLimits.MaxTextBytes.ToString() + " bytes");
        }

        Identifiers.Validate(id, "device id");
        return id;
    }

    internal static int ReadListHeader(CborReader reader, string field, int maximum)
    {
        if (reader.PeekType() != CborType.Array)
        {
            throw Invalid(field, "an array");
        }

        int count = reader.ReadArrayHeader();
        if (count > maximum)
        {
            throw new ProtocolException(ProtocolError.MessageTooLarge, field + " has more than " + maximum.ToString() + " items");
        }

        return count;
    }

    internal static ulong Bit(int key)
    {
        return 1UL << key;
    }

    internal static void Require(ulong seen, ulong required, string message)
    {
        if ((seen & required) != required)
        {
            for (int key = 0; key < 64; key++)
            {
                ulong bit = 1UL << key;
                if ((required & bit) != 0 && (seen & bit) == 0)
                {
                    throw new ProtocolException(ProtocolError.MessageMissingField, message + ": field " + key.ToString() + " is missing");
                }
            }
        }
    }

    private static ProtocolException Invalid(string field, string expected)
    {
        return new ProtocolException(ProtocolError.MessageInvalidField, field + " must be " + expected);
    }
}
