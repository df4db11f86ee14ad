using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>What one batch says about one device's activity: newest arrival (duplicates count: the device is alive),
/// and the highest (epoch, sequence) stored with its boot counter.</summary>
internal readonly record struct ActivityDelta(long LastSeenMicros, int Epoch, long Sequence, uint BootCounter, int Stored, bool Any)
{
    public ActivityDelta With(FrameToStore frame, bool stored)
    {
        long seen = Math.Max(Any ? LastSeenMicros : long.MinValue, UnixMicros.From(frame.ReceivedAt));
        bool newer = !Any || (stored && (Stored == 0 || frame.Epoch > Epoch || (frame.Epoch == Epoch && frame.Sequence > Sequence)));
        return newer
            ? new ActivityDelta(seen, frame.Epoch, frame.Sequence, frame.BootCounter, Stored + (stored ? 1 : 0), true)
            : this with { LastSeenMicros = seen, Stored = Stored + (stored ? 1 : 0) };
    }
}
