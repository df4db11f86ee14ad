using System;
using Millwright.Firmware.Storage;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// One outbox record in a segment file, integers little-endian:
/// header = magic "MO" (2 bytes) ‖ payload length (2) ‖ sequence (8) ‖ CRC-32 of those 12 bytes (4);
/// then the payload (the signed COSE_Mac0 message) ‖ CRC-32 of the payload (4).
/// The sequence in the header lets the log index and replay without decoding CBOR. The header has its own CRC so that
/// the two ways a record can be bad stay apart: a power cut leaves a prefix of the last append (a partial header, or a
/// whole, correct header whose record runs past the end of the file: "torn", expected, dropped silently), while a header
/// that fails its CRC, or a payload that fails its own, is flash damage and is reported. Without the header CRC a
/// damaged length field would look torn and silently hide every record after it.
/// </summary>
public static class OutboxRecordFormat
{
    public const byte Magic0 = 0x4D; // 'M'
    public const byte Magic1 = 0x4F; // 'O'
    public const int HeaderBytes = 16;
    public const int CrcBytes = 4;
    public const int OverheadBytes = HeaderBytes + CrcBytes;
    public const int MaxPayloadBytes = ProtocolLimits.MaxMessageBytes;
    public const int MaxRecordBytes = OverheadBytes + MaxPayloadBytes;

    private const int CheckedHeaderBytes = 12;

    /// <summary>Writes the whole record for <paramref name="payload"/> into <paramref name="record"/> from 0; returns its length.</summary>
    public static int Write(ulong sequence, byte[] payload, int offset, int count, byte[] record)
    {
        if (count < 1 || count > MaxPayloadBytes)
        {
            throw new ArgumentException("outbox record payload must be 1.." + MaxPayloadBytes.ToString() + " bytes");
        }

        record[0] = Magic0;
        record[1] = Magic1;
        LittleEndian.WriteUInt16(record, 2, count);
        LittleEndian.WriteUInt64(record, 4, sequence);
        LittleEndian.WriteUInt32(record, CheckedHeaderBytes, Crc32.Compute(record, 0, CheckedHeaderBytes));
        Array.Copy(payload, offset, record, HeaderBytes, count);
        int crcOffset = HeaderBytes + count;
        LittleEndian.WriteUInt32(record, crcOffset, Crc32.Compute(record, HeaderBytes, count));
        return crcOffset + CrcBytes;
    }

    /// <summary>Payload length in a whole header whose magic, CRC and length check out, or -1 when it cannot be ours.</summary>
    public static int PayloadLength(byte[] header, int offset)
    {
        if (header[offset] != Magic0 || header[offset + 1] != Magic1 ||
            LittleEndian.ReadUInt32(header, offset + CheckedHeaderBytes) != Crc32.Compute(header, offset, CheckedHeaderBytes))
        {
            return -1;
        }

        int length = LittleEndian.ReadUInt16(header, offset + 2);
        return length < 1 || length > MaxPayloadBytes ? -1 : length;
    }

    public static ulong Sequence(byte[] header, int offset)
    {
        return LittleEndian.ReadUInt64(header, offset + 4);
    }
}
