using Millwright.Firmware.Console;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Outbox;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// A factory reset erases the outbox too: its frames are signed with the secret being erased, and a node handed to
/// another line must not replay them under a new identity. The sequence reservation and the boot counter stay, so
/// numbers never repeat even across a factory reset. The node reboots right after, so the outbox in memory is not used again.
/// </summary>
public sealed class OutboxFactoryReset : IFactoryResetParticipant
{
    private readonly IRecordStore _store;

    public OutboxFactoryReset(IRecordStore store)
    {
        _store = store;
    }

    public void EraseForFactoryReset()
    {
        string[] segments = _store.List(OutboxSegments.Prefix);
        for (int i = 0; i < segments.Length; i++)
        {
            if (OutboxSegments.ParseSlot(segments[i]) >= 0)
            {
                _store.Delete(segments[i]);
            }
        }

        DeleteIfPresent(OutboxLog.AckFileName);
        DeleteIfPresent(OutboxLog.DroppedFileName);
    }

    private void DeleteIfPresent(string name)
    {
        if (_store.Exists(name))
        {
            _store.Delete(name);
        }
    }
}
