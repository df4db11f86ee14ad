namespace Millwright.Controller.Anchoring;

/// <summary>When the log's head becomes a checkpoint: enough new frames, or some new frames and enough time.</summary>
internal static class AnchorTrigger
{
    /// <param name="head">The log now.</param>
    /// <param name="anchoredSize">Largest size already anchored or waiting.</param>
    /// <param name="since">When the last checkpoint was queued (or the service started).</param>
    public static bool ShouldQueue(LogCheckpoint head, long anchoredSize, DateTimeOffset since, DateTimeOffset now, AnchorPolicy policy)
    {
        long newFrames = head.Size - anchoredSize;
        return newFrames > 0 && (newFrames >= policy.MinFrames || now - since >= policy.MaxInterval);
    }
}
