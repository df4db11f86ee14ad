using System;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Storage;

/// <summary>
/// A small file holding one 64-bit value: magic (4 bytes) ‖ value (8) ‖ CRC-32 of the first 12 bytes (4), all
/// little-endian. Written with <see cref="IRecordStore.Replace"/>, which is atomic, so a power cut leaves the old value
/// or the new one; the CRC catches flash damage, and the magic a file of another kind under the same name. Reading and
/// writing allocate nothing.
/// </summary>
public sealed class CheckedValueFile
{
    public const int Size = 16;

    private readonly IRecordStore _store;
    private readonly string _name;
    private readonly uint _magic;
    private readonly byte[] _buffer = new byte[Size];

    public CheckedValueFile(IRecordStore store, string name, uint magic)
    {
        if (store == null || name == null || name.Length == 0)
        {
            throw new ArgumentException("a store and a file name are required");
        }

        _store = store;
        _name = name;
        _magic = magic;
    }

    public string Name
    {
        get { return _name; }
    }

    /// <summary>Reads the value; <paramref name="value"/> is 0 unless the result is <see cref="StoredValueState.Valid"/>.</summary>
    public StoredValueState Read(out ulong value)
    {
        value = 0;
        int length = _store.Length(_name);
        if (length < 0)
        {
            return StoredValueState.Missing;
        }

        if (length != Size || _store.Read(_name, 0, _buffer, 0, Size) != Size)
        {
            return StoredValueState.Damaged;
        }

        if (LittleEndian.ReadUInt32(_buffer, 0) != _magic ||
            LittleEndian.ReadUInt32(_buffer, 12) != Crc32.Compute(_buffer, 0, 12))
        {
            return StoredValueState.Damaged;
        }

        value = LittleEndian.ReadUInt64(_buffer, 4);
        return StoredValueState.Valid;
    }

    /// <summary>Replaces the stored value atomically; durable when it returns.</summary>
    public void Write(ulong value)
    {
        LittleEndian.WriteUInt32(_buffer, 0, _magic);
        LittleEndian.WriteUInt64(_buffer, 4, value);
        LittleEndian.WriteUInt32(_buffer, 12, Crc32.Compute(_buffer, 0, 12));
        _store.Replace(_name, _buffer, 0, Size);
    }
}
