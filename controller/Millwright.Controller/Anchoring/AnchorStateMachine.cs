using System.Globalization;
using Microsoft.Extensions.Logging;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Anchoring;

/// <summary>
/// Anchors the log's checkpoints, one transaction at a time, oldest first. The contract's state is the truth: a
/// checkpoint is anchored when checkpoint(size) returns its root from a block with enough confirmations, whichever
/// transaction put it there. Each <see cref="StepAsync"/> looks once and makes at most one move:
/// Idle → Submitted(nonce, hash, fees) → Confirming → Confirmed, or Failed (revert, refusal) / Reorged (queued again).
/// </summary>
internal sealed class AnchorStateMachine
{
    private readonly IAnchorChain _chain;
    private readonly IMerkleLogHead _log;
    private readonly AnchorStateKeeper _keeper;
    private readonly AnchorPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AnchorWatch _watch;
    private readonly AnchorSender _sender;
    private readonly InFlightTracker _tracker;
    private readonly DateTimeOffset _startedAt;

    private AnchorStateMachine(IAnchorChain chain, IMerkleLogHead log, AnchorStateKeeper keeper, AnchorPolicy policy, TimeProvider time, ILogger logger)
    {
        _chain = chain;
        _log = log;
        _keeper = keeper;
        _policy = policy;
        _time = time;
        _logger = logger;
        _watch = new AnchorWatch(chain, keeper, policy, time, logger);
        _sender = new AnchorSender(chain, keeper, policy, time, logger);
        _tracker = new InFlightTracker(chain);
        _startedAt = time.GetUtcNow();
    }

    public AnchorState State => _keeper.State;

    public static async Task<AnchorStateMachine> OpenAsync(
        IAnchorChain chain, IAnchorStateStore store, IMerkleLogHead log, AnchorPolicy policy, TimeProvider time, ILogger logger,
        CancellationToken cancellationToken)
    {
        AnchorStateKeeper keeper = await AnchorStateKeeper.OpenAsync(store, chain.ChainId, chain.ContractAddress, logger, cancellationToken);
        return new AnchorStateMachine(chain, log, keeper, policy, time, logger);
    }

    public async Task StepAsync(CancellationToken cancellationToken)
    {
        long headBlock = await _chain.GetBlockNumberAsync(cancellationToken);
        await _watch.CheckAsync(headBlock, cancellationToken);
        await QueueHeadIfDueAsync(cancellationToken);
        await AdvanceAsync(headBlock, cancellationToken);
    }

    private async Task QueueHeadIfDueAsync(CancellationToken cancellationToken)
    {
        AnchorState state = _keeper.State;
        if (state.Queue.Count > 0)
        {
            return; // one checkpoint at a time: frames arriving meanwhile go into the next, larger one
        }

        LogCheckpoint? head = await _log.GetHeadAsync(cancellationToken);
        DateTimeOffset now = _time.GetUtcNow();
        if (head is null || !AnchorTrigger.ShouldQueue(head, state.HighestKnownSize, state.LastQueuedAt ?? _startedAt, now, _policy))
        {
            return;
        }

        // The contract may be ahead of a lost or reset state file: a checkpoint must outgrow it to be anchorable.
        if (head.Size <= await _chain.GetLatestSizeAsync(cancellationToken))
        {
            return;
        }

        await _keeper.SaveAsync(state with { Queue = [new QueuedCheckpoint(head, now)], LastQueuedAt = now }, cancellationToken);
        AnchorLog.Queued(_logger, head.Size, head.Root);
    }

    private async Task AdvanceAsync(long headBlock, CancellationToken cancellationToken)
    {
        AnchorState state = _keeper.State;
        if (state.Queue.Count == 0)
        {
            return;
        }

        LogCheckpoint front = state.Queue[0].Checkpoint;
        ChainCheckpoint? onChain = await _chain.GetCheckpointAsync(front.Size, cancellationToken);
        if (onChain is not null)
        {
            if (onChain.Checkpoint == front)
            {
                await ConfirmWhenDeepEnoughAsync(front, onChain, headBlock, cancellationToken);
            }
            else
            {
                await DropFrontAsync(front, $"the contract holds another root, {onChain.Checkpoint.Root}, for this size", cancellationToken);
            }

            return;
        }

        long latest = await _chain.GetLatestSizeAsync(cancellationToken);
        if (latest >= front.Size)
        {
            // Our own transaction may have been mined between the two reads (a rebroadcast after a chain restart).
            onChain = await _chain.GetCheckpointAsync(front.Size, cancellationToken);
            if (onChain is not null && onChain.Checkpoint == front)
            {
                await ConfirmWhenDeepEnoughAsync(front, onChain, headBlock, cancellationToken);
                return;
            }

            await DropFrontAsync(front, string.Create(CultureInfo.InvariantCulture, $"the contract's latest size, {latest}, has already passed it"), cancellationToken);
            return;
        }

        if (state.InFlight is null)
        {
            if (!IsBackingOff(state))
            {
                await _sender.SubmitAsync(front, nonce: null, cancellationToken);
            }

            return;
        }

        await AdvanceInFlightAsync(front, state.InFlight, cancellationToken);
    }

    private async Task AdvanceInFlightAsync(LogCheckpoint front, InFlightAnchor inFlight, CancellationToken cancellationToken)
    {
        (SentTransaction Sent, ChainReceipt Receipt)? mined = await _tracker.FindMinedAsync(inFlight, cancellationToken);
        if (mined is { } found)
        {
            await HandleMinedAsync(front, found.Sent, found.Receipt, cancellationToken);
            return;
        }

        long chainNonce = await _chain.GetNonceAsync(includePending: false, cancellationToken);
        DateTimeOffset now = _time.GetUtcNow();
        bool stuck = now - inFlight.LastSentAt >= _policy.StuckAfter;
        if (chainNonce > inFlight.Nonce || (chainNonce < inFlight.Nonce && (stuck || !await _tracker.AnyKnownAsync(inFlight, cancellationToken))))
        {
            // Out of step: the nonce went to a transaction we do not know, or the chain forgot ours before it.
            AnchorLog.NonceResync(_logger, chainNonce, inFlight.Nonce);
            AnchorState state = _keeper.State;
            await _keeper.SaveAsync(state with
            {
                InFlight = null,
                Counters = state.Counters with { NonceResyncs = state.Counters.NonceResyncs + 1 },
            }, cancellationToken);
            if (!IsBackingOff(state))
            {
                await _sender.SubmitAsync(front, chainNonce < inFlight.Nonce ? chainNonce : null, cancellationToken);
            }

            return;
        }

        if (chainNonce < inFlight.Nonce || IsBackingOff(_keeper.State))
        {
            return;
        }

        if (inFlight.Target != front)
        {
            await _sender.ReplaceAsync(inFlight, front, "an older checkpoint goes first", cancellationToken);
        }
        else if (stuck)
        {
            await _sender.ReplaceAsync(inFlight, front, "not mined in time", cancellationToken);
        }
        else if (!await _tracker.AnyKnownAsync(inFlight, cancellationToken))
        {
            await _sender.RebroadcastAsync(inFlight, cancellationToken);
        }
    }

    private async Task HandleMinedAsync(LogCheckpoint front, SentTransaction sent, ChainReceipt receipt, CancellationToken cancellationToken)
    {
        AnchorState state = _keeper.State;
        if (!receipt.Succeeded)
        {
            AnchorLog.Reverted(_logger, receipt.TransactionHash, sent.Target.Size, receipt.BlockNumber);
            await _keeper.SaveAsync(state with { Counters = state.Counters with { Reverted = state.Counters.Reverted + 1 } }, cancellationToken);
            string reason = string.Create(CultureInfo.InvariantCulture, $"transaction {receipt.TransactionHash} reverted (status 0) in block {receipt.BlockNumber}");
            await _sender.FailAsync(sent.Target.Size, reason, clearInFlight: true, cancellationToken);
            return;
        }

        if (sent.Target != front)
        {
            // An earlier version (another target) was mined: the nonce is used, the front needs a new transaction.
            await _keeper.SaveAsync(state with { InFlight = null }, cancellationToken);
        }

        // Mined for the front but not (yet) visible in the contract: a node behind, or a reorganisation under way.
    }

    private async Task ConfirmWhenDeepEnoughAsync(LogCheckpoint front, ChainCheckpoint onChain, long headBlock, CancellationToken cancellationToken)
    {
        AnchorState state = _keeper.State;
        long confirmations = headBlock - onChain.BlockNumber + 1;
        if (confirmations < _policy.Confirmations)
        {
            if (state.Phase != AnchorPhase.Confirming)
            {
                await _keeper.SaveAsync(state with { Phase = AnchorPhase.Confirming }, cancellationToken);
                AnchorLog.Included(_logger, front.Size, onChain.BlockNumber, _policy.Confirmations);
            }

            return;
        }

        (SentTransaction Sent, ChainReceipt Receipt)? mined = state.InFlight is null ? null : await _tracker.FindMinedAsync(state.InFlight, cancellationToken);
        ChainReceipt? receipt = mined is { } found && found.Receipt.Succeeded && found.Sent.Target == front && found.Receipt.BlockNumber == onChain.BlockNumber
            ? found.Receipt
            : null;
        var anchored = new AnchoredCheckpoint(front, onChain.BlockNumber, onChain.BlockTime, receipt?.TransactionHash, receipt?.GasUsed,
            receipt?.EffectiveGasPrice, _time.GetUtcNow()) { BlockHash = receipt?.BlockHash };
        bool inFlightDone = state.InFlight is not null && (state.InFlight.Target == front || mined is not null);
        await _keeper.SaveAsync(state with
        {
            Queue = state.Queue.Skip(1).ToList(),
            InFlight = inFlightDone ? null : state.InFlight,
            Watched = [.. state.Watched, anchored],
            Phase = AnchorPhase.Confirmed,
            RetryAfter = null,
            Counters = state.Counters with { Confirmed = state.Counters.Confirmed + 1 },
        }, cancellationToken);
        AnchorLog.Confirmed(_logger, front.Size, front.Root, onChain.BlockNumber, confirmations, receipt?.TransactionHash, receipt?.GasUsed);
    }

    private async Task DropFrontAsync(LogCheckpoint front, string reason, CancellationToken cancellationToken)
    {
        AnchorLog.Dropped(_logger, front.Size, reason);
        AnchorState state = _keeper.State;
        await _keeper.SaveAsync(state with
        {
            Queue = state.Queue.Skip(1).ToList(),
            Phase = AnchorPhase.Failed,
            LastFailure = new AnchorFailure(_time.GetUtcNow(), front.Size, reason),
            Counters = state.Counters with { Superseded = state.Counters.Superseded + 1 },
        }, cancellationToken);
    }

    private bool IsBackingOff(AnchorState state) => state.RetryAfter is { } until && _time.GetUtcNow() < until;
}
