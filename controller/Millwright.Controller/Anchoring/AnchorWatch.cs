using Microsoft.Extensions.Logging;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Anchoring;

/// <summary>
/// Re-reads every anchored checkpoint younger than the finality depth from the contract. One that is gone (a
/// reorganisation, or a chain restored from an older state) goes back into the queue, in size order; one that moved
/// to another block is followed; one past the finality depth moves to the history.
/// </summary>
internal sealed class AnchorWatch
{
    private readonly IAnchorChain _chain;
    private readonly AnchorStateKeeper _keeper;
    private readonly AnchorPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AnchorWatch(IAnchorChain chain, AnchorStateKeeper keeper, AnchorPolicy policy, TimeProvider time, ILogger logger)
    {
        _chain = chain;
        _keeper = keeper;
        _policy = policy;
        _time = time;
        _logger = logger;
    }

    public async Task CheckAsync(long headBlock, CancellationToken cancellationToken)
    {
        AnchorState state = _keeper.State;
        if (state.Watched.Count == 0)
        {
            return;
        }

        var watched = new List<AnchoredCheckpoint>();
        var queue = state.Queue.ToList();
        AnchoredCheckpoint? lastFinal = state.LastFinal;
        long reorged = 0;
        bool changed = false;
        int confirmedIntact = await NewestIntactIndexAsync(state.Watched, cancellationToken);
        for (int index = 0; index < state.Watched.Count; index++)
        {
            AnchoredCheckpoint anchored = state.Watched[index];
            ChainCheckpoint? onChain = index <= confirmedIntact
                ? new ChainCheckpoint(anchored.Checkpoint, anchored.BlockTime, anchored.BlockNumber)
                : await _chain.GetCheckpointAsync(anchored.Checkpoint.Size, cancellationToken);
            if (onChain is null || onChain.Checkpoint != anchored.Checkpoint)
            {
                AnchorLog.Reorged(_logger, anchored.Checkpoint.Size, anchored.Checkpoint.Root);
                if (!queue.Any(queued => queued.Checkpoint.Size == anchored.Checkpoint.Size))
                {
                    queue.Add(new QueuedCheckpoint(anchored.Checkpoint, _time.GetUtcNow()));
                }

                reorged++;
                changed = true;
            }
            else if (onChain.BlockNumber != anchored.BlockNumber)
            {
                AnchorLog.Moved(_logger, anchored.Checkpoint.Size, anchored.BlockNumber, onChain.BlockNumber);
                watched.Add(anchored with { BlockNumber = onChain.BlockNumber, BlockTime = onChain.BlockTime, BlockHash = null });
                changed = true;
            }
            else if (headBlock - anchored.BlockNumber + 1 >= _policy.FinalityDepth)
            {
                await _keeper.Store.AppendFinalAsync(anchored, cancellationToken);
                lastFinal = anchored;
                changed = true;
            }
            else
            {
                watched.Add(anchored);
            }
        }

        if (changed)
        {
            await _keeper.SaveAsync(state with
            {
                Watched = watched,
                LastFinal = lastFinal,
                Queue = queue.OrderBy(queued => queued.Checkpoint.Size).ToList(),
                Phase = reorged > 0 ? AnchorPhase.Reorged : state.Phase,
                Counters = state.Counters with { Reorged = state.Counters.Reorged + reorged },
            }, cancellationToken);
        }
    }

    // A reorganisation removes a suffix of the chain, and the anchoring account's transactions are mined in nonce
    // order: when the newest anchor is still in its block, so are all older ones. One read per step then suffices.
    private async Task<int> NewestIntactIndexAsync(IReadOnlyList<AnchoredCheckpoint> watched, CancellationToken cancellationToken)
    {
        AnchoredCheckpoint newest = watched[^1];
        ChainCheckpoint? onChain = await _chain.GetCheckpointAsync(newest.Checkpoint.Size, cancellationToken);
        return onChain is not null && onChain.Checkpoint == newest.Checkpoint && onChain.BlockNumber == newest.BlockNumber
            ? watched.Count - 1
            : -1;
    }
}
