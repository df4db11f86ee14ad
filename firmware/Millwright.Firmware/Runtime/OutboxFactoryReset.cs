using Millwright.Firmware.Console;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Outbox;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// A factory reset erases the outbox too (<see cref="OutboxLog.Erase"/>): its frames are signed with the secret being
/// erased, and a node handed to another line must not replay them under a new identity. The sequence reservation and
/// the boot counter stay, so numbers never repeat even across a factory reset. The node reboots right after; until it
/// does, the runtime does nothing more (<see cref="RebootLatch"/>), so the outbox in memory is never used again.
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
        OutboxLog.Erase(_store);
    }
}
