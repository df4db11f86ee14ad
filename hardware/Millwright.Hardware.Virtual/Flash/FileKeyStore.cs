using Millwright.Firmware.Hardware;
using Millwright.Firmware.Storage;
using Millwright.Protocol.Keys;

namespace Millwright.Hardware.Virtual.Flash;

/// <summary>
/// The device secret as one small record in the board's flash, in the same format as the ESP32 binding's key file
/// (magic "MWK1" ‖ 32-byte secret ‖ CRC-32, little-endian, replaced atomically), so a console factory reset erases it
/// with the rest of the flash. A damaged record reads as no secret: the node then asks to be provisioned again rather
/// than sign with a wrong key. The file is owner-only (the record store creates every file 0600).
/// </summary>
internal sealed class FileKeyStore : IKeyStore
{
    public const string FileName = "device-secret";

    private const uint Magic = 0x314B574D;
    private const int Size = 4 + KeyDerivation.SecretSize + 4;

    private readonly IRecordStore _store;

    public FileKeyStore(IRecordStore store)
    {
        _store = store;
    }

    public bool HasSecret => ReadSecret() is not null;

    public byte[]? ReadSecret()
    {
        if (_store.Length(FileName) != Size)
        {
            return null;
        }

        byte[] record = new byte[Size];
        try
        {
            if (_store.Read(FileName, 0, record, 0, Size) != Size ||
                LittleEndian.ReadUInt32(record, 0) != Magic ||
                LittleEndian.ReadUInt32(record, Size - 4) != Crc32.Compute(record, 0, Size - 4))
            {
                return null;
            }

            return record.AsSpan(4, KeyDerivation.SecretSize).ToArray();
        }
        finally
        {
            Array.Clear(record);
        }
    }

    public void WriteSecret(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length != KeyDerivation.SecretSize)
        {
            throw new ArgumentException($"the device secret is {KeyDerivation.SecretSize} bytes", nameof(secret));
        }

        byte[] record = new byte[Size];
        try
        {
            LittleEndian.WriteUInt32(record, 0, Magic);
            secret.CopyTo(record, 4);
            LittleEndian.WriteUInt32(record, Size - 4, Crc32.Compute(record, 0, Size - 4));
            _store.Replace(FileName, record, 0, Size);
        }
        finally
        {
            Array.Clear(record);
        }
    }

    public void Erase() => _store.Delete(FileName);
}
