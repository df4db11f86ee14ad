using System;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Storage;

namespace Millwright.Firmware.Framing;

/// <summary>
/// Hands out the device's 64-bit sequence numbers, which never repeat, across reboots and power cuts included
/// (ARCHITECTURE.md §4). Flash holds the end of a reserved block: every number below it may have been used, none at or
/// above it has. The end is written (atomically, <see cref="IRecordStore.Replace"/>) before the first number of a block
/// is handed out, so a cut at any moment leaves an end above every number in use; once per block, not once per number,
/// to spare the flash. A reboot skips the rest of the block: numbers are unique and rising, not contiguous. Allocating
/// allocates nothing.
/// </summary>
public sealed class SequenceAllocator
{
    public const string FileName = "sequence";
    public const int DefaultBlockSize = 1000;

    /// <summary>
    /// How far past the other evidence numbering restarts when the reservation file is damaged: far beyond any block
    /// (2^32 numbers, while 2^64 leaves room for 4 billion such restarts), so no number in use can be reached again.
    /// </summary>
    public const ulong DamageJump = 1UL << 32;

    private const uint FileMagic = 0x42514553; // "SEQB"

    private readonly CheckedValueFile _file;
    private readonly ulong _blockSize;
    private ulong _next;
    private ulong _reservedEnd;

    /// <param name="store">Flash.</param>
    /// <param name="blockSize">Numbers reserved per flash write.</param>
    /// <param name="usedAtLeast">
    /// The highest number other evidence shows in use (the outbox's <c>LastSequence</c>): numbering continues above it even
    /// if the reservation file is missing.
    /// </param>
    public SequenceAllocator(IRecordStore store, int blockSize, ulong usedAtLeast)
    {
        if (blockSize < 1)
        {
            throw new ArgumentException("sequence block size must be at least 1");
        }

        _file = new CheckedValueFile(store, FileName, FileMagic);
        _blockSize = (ulong)blockSize;
        ulong persisted;
        StoredValueState state = _file.Read(out persisted);
        ulong next = 1;
        if (state == StoredValueState.Valid)
        {
            next = persisted;
        }
        else if (state == StoredValueState.Damaged)
        {
            RecoveredFromDamage = true;
            next = usedAtLeast + DamageJump;
        }

        if (next <= usedAtLeast)
        {
            next = usedAtLeast + 1;
        }

        _next = next == 0 ? 1 : next;
        _reservedEnd = _next; // nothing reserved by this boot yet: the first Next() writes a block
    }

    /// <summary>The number <see cref="Next"/> returns next.</summary>
    public ulong Peek
    {
        get { return _next; }
    }

    /// <summary>Numbers below this are reserved on flash (for this boot or an earlier one).</summary>
    public ulong ReservedEnd
    {
        get { return _reservedEnd; }
    }

    /// <summary>The reservation file was damaged at start-up; numbering jumped by <see cref="DamageJump"/> (for health).</summary>
    public bool RecoveredFromDamage { get; private set; }

    /// <summary>The next sequence number; it is covered by a reservation on flash before it is returned.</summary>
    public ulong Next()
    {
        if (_next >= _reservedEnd)
        {
            ulong end = _next + _blockSize;
            _file.Write(end);
            _reservedEnd = end;
        }

        return _next++;
    }
}
