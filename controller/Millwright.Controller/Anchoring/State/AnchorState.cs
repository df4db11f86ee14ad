namespace Millwright.Controller.Anchoring.State;

/// <summary>
/// Everything the anchoring service must not forget across a restart: the checkpoints waiting in size order, the
/// transaction in flight, anchored checkpoints still watched for reorganisations, and the newest final one. Saved
/// whole after every transition, and before any transaction is sent, so a restart resumes, never repeats.
/// </summary>
internal sealed record AnchorState
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public long ChainId { get; init; }

    public string ContractAddress { get; init; } = string.Empty;

    public AnchorPhase Phase { get; init; } = AnchorPhase.Idle;

    public IReadOnlyList<QueuedCheckpoint> Queue { get; init; } = [];

    public InFlightAnchor? InFlight { get; init; }

    public IReadOnlyList<AnchoredCheckpoint> Watched { get; init; } = [];

    public AnchoredCheckpoint? LastFinal { get; init; }

    public DateTimeOffset? LastQueuedAt { get; init; }

    public DateTimeOffset? RetryAfter { get; init; }

    public AnchorFailure? LastFailure { get; init; }

    public AnchorCounters Counters { get; init; } = new();

    public static AnchorState Empty(long chainId, string contractAddress) =>
        new() { ChainId = chainId, ContractAddress = contractAddress };

    /// <summary>The largest tree size queued, in flight, watched or final: a new checkpoint must be larger.</summary>
    public long HighestKnownSize
    {
        get
        {
            long highest = LastFinal?.Checkpoint.Size ?? 0;
            foreach (AnchoredCheckpoint watched in Watched)
            {
                highest = Math.Max(highest, watched.Checkpoint.Size);
            }

            foreach (QueuedCheckpoint queued in Queue)
            {
                highest = Math.Max(highest, queued.Checkpoint.Size);
            }

            return highest;
        }
    }

    /// <summary>The newest anchored checkpoint (watched or final), if any.</summary>
    public AnchoredCheckpoint? LatestAnchored => Watched.Count > 0 ? Watched[^1] : LastFinal;
}
