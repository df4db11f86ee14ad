using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Proofs.Export;

/// <summary>
/// Makes proof bundles from the Merkle log and the anchoring history. A frame is proven against the earliest anchored
/// checkpoint that holds it (the tightest time bound); when none does yet, the caller is told so, and only an
/// explicit request gets a bundle against the current log head instead, marked unanchored (no anchor record).
/// Every anchored root used is first compared with the log's own root at that size.
/// </summary>
internal sealed class ProofBundleBuilder(IMerkleLogStore log, IAnchorHistorySource anchors)
{
    private const string UnanchoredHint = "ask for an unanchored bundle against the current log head (CLI --unanchored, API ?unanchored=true)";

    public async Task<FrameProofBundle> ForLogIndexAsync(long logIndex, bool allowUnanchored, CancellationToken cancellationToken)
    {
        StoredFrame frame = await log.GetFrameAsync(logIndex, cancellationToken).ConfigureAwait(false)
            ?? throw new ProofUnavailableException(ProofUnavailableReason.FrameNotFound, $"no stored frame has log index {logIndex}");
        return await ForFrameAsync(frame, allowUnanchored, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FrameProofBundle> ForDeviceFrameAsync(string deviceId, int epoch, long sequence, bool allowUnanchored, CancellationToken cancellationToken)
    {
        StoredFrame frame = await log.FindFrameAsync(deviceId, epoch, sequence, cancellationToken).ConfigureAwait(false)
            ?? throw new ProofUnavailableException(ProofUnavailableReason.FrameNotFound,
                $"no stored frame of device '{deviceId}' at epoch {epoch}, sequence {sequence}");
        return await ForFrameAsync(frame, allowUnanchored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A consistency proof from tree size <paramref name="from"/> to <paramref name="to"/> (default: the newest
    /// anchored checkpoint), with the anchoring record of each size that is anchored.</summary>
    public async Task<ConsistencyProofBundle> ConsistencyAsync(long from, long? to, CancellationToken cancellationToken)
    {
        AnchorHistory? history = await anchors.LoadAsync(cancellationToken).ConfigureAwait(false);
        long newSize = to ?? history?.Newest?.Checkpoint.Size
            ?? throw new ProofUnavailableException(ProofUnavailableReason.NotYetAnchored, "no checkpoint is anchored yet: name the newer tree size");
        long logSize = await log.GetLogSizeAsync(cancellationToken).ConfigureAwait(false);
        if (from < 1 || from > newSize || newSize > logSize)
        {
            throw new ProofUnavailableException(ProofUnavailableReason.SizeOutOfRange,
                $"tree sizes must satisfy 1 ≤ from ≤ to ≤ {logSize} (the log's size); got from {from}, to {newSize}");
        }

        CheckpointRecord old = await CheckpointAtAsync(from, history?.AtSize(from), history, cancellationToken).ConfigureAwait(false);
        CheckpointRecord current = await CheckpointAtAsync(newSize, history?.AtSize(newSize), history, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<byte[]> path = await log.GetConsistencyProofAsync(from, newSize, cancellationToken).ConfigureAwait(false);
        return new ConsistencyProofBundle(old, current, path);
    }

    private async Task<FrameProofBundle> ForFrameAsync(StoredFrame frame, bool allowUnanchored, CancellationToken cancellationToken)
    {
        long leafIndex = frame.LogIndex - 1;
        AnchorHistory? history = await anchors.LoadAsync(cancellationToken).ConfigureAwait(false);
        AnchoredCheckpoint? covering = history?.EarliestCovering(frame.LogIndex);
        CheckpointRecord checkpoint;
        if (covering is not null)
        {
            checkpoint = await CheckpointAtAsync(covering.Checkpoint.Size, covering, history, cancellationToken).ConfigureAwait(false);
        }
        else if (allowUnanchored)
        {
            long head = await log.GetLogSizeAsync(cancellationToken).ConfigureAwait(false);
            checkpoint = await CheckpointAtAsync(head, null, history, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new ProofUnavailableException(ProofUnavailableReason.NotYetAnchored, NotAnchoredYet(frame, history));
        }

        IReadOnlyList<byte[]> path = await log.GetInclusionProofAsync(leafIndex, checkpoint.TreeSize, cancellationToken).ConfigureAwait(false);
        return new FrameProofBundle(frame.DeviceId, frame.Epoch, frame.Sequence, leafIndex, frame.RawMessage, path, checkpoint);
    }

    private async Task<CheckpointRecord> CheckpointAtAsync(long size, AnchoredCheckpoint? anchored, AnchorHistory? history, CancellationToken cancellationToken)
    {
        byte[] root = await log.GetLogRootAsync(size, cancellationToken).ConfigureAwait(false);
        if (anchored is null || history is null)
        {
            return new CheckpointRecord(size, root, null);
        }

        if (!root.AsSpan().SequenceEqual(anchored.Checkpoint.RootBytes()))
        {
            throw new ProofUnavailableException(ProofUnavailableReason.LogDisagreesWithAnchor,
                $"the log's root at size {size} is 0x{Convert.ToHexStringLower(root)} but {anchored.Checkpoint.Root} was anchored in block " +
                $"{anchored.BlockNumber}: the log has been changed since it was anchored");
        }

        var anchor = new AnchorRecord(history.ChainId, history.ContractAddress, anchored.TransactionHash, anchored.BlockNumber, anchored.BlockHash, anchored.BlockTime);
        return new CheckpointRecord(size, root, anchor);
    }

    private static string NotAnchoredYet(StoredFrame frame, AnchorHistory? history)
    {
        string which = $"frame {frame.LogIndex} ({frame.DeviceId}, epoch {frame.Epoch}, sequence {frame.Sequence})";
        if (history is null)
        {
            return $"{which} is not anchored: anchoring has not run for this log yet; {UnanchoredHint}";
        }

        string newest = history.Newest is { } n ? $"the newest anchored checkpoint has size {n.Checkpoint.Size}" : "no checkpoint is anchored yet";
        string waiting = history.Pending.FirstOrDefault(p => p.Size >= frame.LogIndex) is { } pending
            ? $"; the checkpoint of size {pending.Size} that will cover it is waiting to be anchored or confirmed, try again later"
            : "; the next checkpoint will cover it";
        return $"{which} is not covered by an anchored checkpoint yet ({newest}, a tree of at least {frame.LogIndex} is needed){waiting}; or {UnanchoredHint}";
    }
}
