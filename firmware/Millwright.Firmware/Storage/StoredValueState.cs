namespace Millwright.Firmware.Storage;

/// <summary>What reading a <see cref="CheckedValueFile"/> found.</summary>
public enum StoredValueState
{
    /// <summary>No such file: never written (first boot) or erased.</summary>
    Missing = 0,

    /// <summary>The file holds a value whose magic and CRC check out.</summary>
    Valid = 1,

    /// <summary>The file exists but its size, magic or CRC is wrong: flash damage, never a power cut (Replace is atomic).</summary>
    Damaged = 2,
}
