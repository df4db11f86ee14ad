using System;
using Millwright.Firmware.Storage;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// One outbox record in a segment file, all integers little-endian:
/// magic "MO" (2 bytes) ‖ payload length (2) ‖ sequence (8) ‖ payload (the signed COSE_Mac0 message) ‖
/// CRC-32 of everything before it (4). The sequence in the header lets the log index and replay without decoding CBOR;
/// the CRC makes a torn or damaged record recognisable, so it is never sent.
/// </summary>
public static class OutboxRecordFormat
{
    public const byte Magic0 = 0x4D; // 'M'
    public const byte Magic1 = 0x4F; // 'O'
    public const int HeaderBytes = 12;
    public const int CrcBytes = 4;
    public const int OverheadBytes = HeaderBytes + CrcBytes;
    public const int MaxPayloadBytes = ProtocolLimits.MaxMessageBytes;
    public const int MaxRecordBytes = OverheadBytes + MaxPayloadBytes;

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
        Array.Copy(payload, offset, record, HeaderBytes, count);
        int crcOffset = HeaderBytes + count;
        LittleEndian.WriteUInt32(record, crcOffset, Crc32.Compute(record, 0, crcOffset));
        return crcOffset + CrcBytes;
    }

    /// <summary>Payload length in a header whose magic is right, or -1 when the header cannot be ours.</summary>
    public static int PayloadLength(byte[] header, int offset)
    {
        if (header[offset] != Magic0 || header[offset + 1] != Magic1)
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
