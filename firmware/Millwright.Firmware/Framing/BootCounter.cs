using Millwright.Firmware.Hardware;
using Millwright.Firmware.Storage;

namespace Millwright.Firmware.Framing;

/// <summary>
/// Counts the node's boots on flash; every frame carries the count, so the controller can tell a restart from a gap.
/// Written (atomically) before the count is used: a power cut during the write leaves the old count, and that boot never
/// sent anything, so no two boots that sent frames share a count.
/// </summary>
public sealed class BootCounter
{
    public const string FileName = "boot";
    private const uint FileMagic = 0x544F4F42; // "BOOT"

    private BootCounter(uint value, bool recoveredFromDamage)
    {
        Value = value;
        RecoveredFromDamage = recoveredFromDamage;
    }

    /// <summary>This boot's number, from 1.</summary>
    public uint Value { get; private set; }

    /// <summary>The stored count was damaged and counting restarted at 1 (for health; sequence numbers stay unique).</summary>
    public bool RecoveredFromDamage { get; private set; }

    /// <summary>Reads the count, adds one, stores it; call once per boot, before the first frame.</summary>
    public static BootCounter CountThisBoot(IRecordStore store)
    {
        var file = new CheckedValueFile(store, FileName, FileMagic);
        ulong stored;
        StoredValueState state = file.Read(out stored);
        ulong value = (state == StoredValueState.Valid ? stored : 0) + 1;
        if (value > uint.MaxValue)
        {
            value = 1;
        }

        file.Write(value);
        return new BootCounter((uint)value, state == StoredValueState.Damaged);
    }
}
