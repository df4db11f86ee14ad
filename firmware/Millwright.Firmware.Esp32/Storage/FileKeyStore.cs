using System;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Storage;
using Millwright.Protocol.Keys;

namespace Millwright.Firmware.Esp32.Storage;

/// <summary>
/// <see cref="IKeyStore"/> as one small file in the record store: magic ‖ 32-byte secret ‖ CRC-32, little-endian,
/// replaced atomically. nanoFramework has no managed API for the ESP32's NVS, so the secret sits in the LittleFS
/// partition; without ESP32 flash encryption anyone with the board and a flash reader can read it (docs/flashing.md).
/// A damaged file reads as no secret, so the node asks to be provisioned again rather than sign with a wrong key.
/// </summary>
public sealed class FileKeyStore : IKeyStore
{
    public const string FileName = "device-secret";

    private const uint Magic = 0x314B574D; // "MWK1"
    private const int Size = 4 + KeyDerivation.SecretSize + 4;

    private readonly IRecordStore _store;

    public FileKeyStore(IRecordStore store)
    {
        _store = store;
    }

    public bool HasSecret
    {
        get { return ReadSecret() != null; }
    }

    public byte[] ReadSecret()
    {
        if (_store.Length(FileName) != Size)
        {
            return null;
        }

        byte[] record = new byte[Size];
        if (_store.Read(FileName, 0, record, 0, Size) != Size ||
            LittleEndian.ReadUInt32(record, 0) != Magic ||
            LittleEndian.ReadUInt32(record, Size - 4) != Crc32.Compute(record, 0, Size - 4))
        {
            Array.Clear(record, 0, Size);
            return null;
        }

        byte[] secret = new byte[KeyDerivation.SecretSize];
        Array.Copy(record, 4, secret, 0, KeyDerivation.SecretSize);
        Array.Clear(record, 0, Size);
        return secret;
    }

    public void WriteSecret(byte[] secret)
    {
        if (secret == null || secret.Length != KeyDerivation.SecretSize)
        {
            throw new ArgumentException("the device secret is " + KeyDerivation.SecretSize.ToString() + " bytes");
        }

        byte[] record = new byte[Size];
        LittleEndian.WriteUInt32(record, 0, Magic);
        Array.Copy(secret, 0, record, 4, KeyDerivation.SecretSize);
        LittleEndian.WriteUInt32(record, Size - 4, Crc32.Compute(record, 0, Size - 4));
        try
        {
            _store.Replace(FileName, record, 0, Size);
        }
        finally
        {
            Array.Clear(record, 0, Size);
        }
    }

    public void Erase()
    {
        _store.Delete(FileName);
    }
}
