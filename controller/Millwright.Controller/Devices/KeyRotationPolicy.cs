namespace Millwright.Controller.Devices;

/// <summary>
/// Where a key rotation puts its cut-over. The old key keeps verifying frames the device signed before it received
/// its new key; those may still sit in its flash outbox, unseen by the controller. So the cut-over is
///   highest sequence seen in the current epoch + the outbox depth the device last reported + a margin
/// for frames signed between that status and the moment the new key is installed. Frames signed with the old key at
/// or beyond the cut-over are refused (KeyRetired). A larger margin tolerates a longer delay before the device is
/// re-provisioned, at the cost of a longer window in which a leaked old key could still sign frames — rotate for
/// hygiene; after a suspected leak, replace the device instead (that retires the old key at once).
/// </summary>
public static class KeyRotationPolicy
{
    /// <summary>About 2.8 hours of frames at one per second.</summary>
    public const long DefaultMargin = 10_000;

    public static long CutOver(long highestSequenceSeen, ulong reportedOutboxDepth, long margin)
    {
        if (margin < 1)
        {
            throw new DeviceRegistryException("the cut-over margin must be at least 1");
        }

        long depth = reportedOutboxDepth > long.MaxValue ? long.MaxValue : (long)reportedOutboxDepth;
        long cutOver = Saturating(Saturating(Math.Max(0, highestSequenceSeen), depth), margin);
        return Math.Max(cutOver, 1);
    }

    private static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
