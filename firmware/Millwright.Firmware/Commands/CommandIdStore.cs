using Millwright.Firmware.Hardware;
using Millwright.Firmware.Settings;

namespace Millwright.Firmware.Commands;

/// <summary>
/// The last command id this device consumed, in flash, so that no command runs twice, across reboots and power
/// cuts: it is written (atomically, with <see cref="IRecordStore.Replace"/>) before the executor acts.
/// Record: format 1 (1 byte), the key id of the secret it belongs to (8 bytes), the id (8 bytes, big-endian),
/// CRC-32 (4 bytes). The key id ties the counter to one secret: after a new secret is installed the controller's
/// ids for it start again from 1, and an old counter would refuse them all.
/// </summary>
public sealed class CommandIdStore
{
    public const string RecordName = "command-id";

    private const byte Format = 1;
    private const int KeyIdSize = 8;
    private const int RecordSize = 1 + KeyIdSize + 8 + 4;

    private readonly IRecordStore _store;
    private readonly byte[] _record = new byte[RecordSize];
    private readonly byte[] _keyId = new byte[KeyIdSize];

    public CommandIdStore(IRecordStore store)
    {
        _store = store;
    }

    /// <summary>The highest command id consumed under the current key (0: none yet).</summary>
    public ulong LastId { get; private set; }

    /// <summary>Set when the record exists but cannot be read: commands are then refused (fail closed) until a factory reset.</summary>
    public string Problem { get; private set; }

    /// <summary>Reads the record for the secret with <paramref name="keyId"/>.</summary>
    public void Load(byte[] keyId)
    {
        System.Array.Copy(keyId, 0, _keyId, 0, KeyIdSize);
        LastId = 0;
        Problem = null;
        int length = _store.Length(RecordName);
        if (length < 0)
        {
            return;
        }

        int read = length == RecordSize ? _store.Read(RecordName, 0, _record, 0, RecordSize) : 0;
        if (read != RecordSize || !Crc32.Check(_record, 0, RecordSize) || _record[0] != Format)
        {
            Problem = "command id record is damaged; commands are refused until a factory reset";
            return;
        }

        for (int i = 0; i < KeyIdSize; i++)
        {
            if (_record[1 + i] != _keyId[i])
            {
                // Written under another secret: this key has executed nothing yet.
                return;
            }
        }

        ulong id = 0;
        for (int i = 0; i < 8; i++)
        {
            id = (id << 8) | _record[1 + KeyIdSize + i];
        }

        LastId = id;
    }

    /// <summary>Persists <paramref name="commandId"/> as consumed. Throws <see cref="System.IO.IOException"/> when the store fails (then nothing changed).</summary>
    public void Consume(ulong commandId)
    {
        _record[0] = Format;
        System.Array.Copy(_keyId, 0, _record, 1, KeyIdSize);
        for (int i = 0; i < 8; i++)
        {
            _record[1 + KeyIdSize + i] = (byte)(commandId >> (56 - (8 * i)));
        }

        Crc32.Append(_record, 0, RecordSize - 4);
        _store.Replace(RecordName, _record, 0, RecordSize);
        LastId = commandId;
    }

    /// <summary>Factory reset (the console calls it): forgets the record; a new secret must be installed before any command verifies again.</summary>
    public void Erase()
    {
        if (_store.Exists(RecordName))
        {
            _store.Delete(RecordName);
        }

        LastId = 0;
        Problem = null;
    }
}
