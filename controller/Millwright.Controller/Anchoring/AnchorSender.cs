using Microsoft.Extensions.Logging;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Anchoring;

/// <summary>
/// Signs and sends anchor transactions. Every signed transaction is saved in the state before it is sent: a crash
/// between the two leaves a transaction the node never saw, which the next step sends again; never one it forgot.
/// </summary>
internal sealed class AnchorSender
{
    private readonly IAnchorChain _chain;
    private readonly AnchorStateKeeper _keeper;
    private readonly AnchorPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AnchorSender(IAnchorChain chain, AnchorStateKeeper keeper, AnchorPolicy policy, TimeProvider time, ILogger logger)
    {
        _chain = chain;
        _keeper = keeper;
        _policy = policy;
        _time = time;
        _logger = logger;
    }

    /// <summary>A new in-flight anchor for <paramref name="target"/>: the given nonce, or the account's next pending one.</summary>
    public async Task SubmitAsync(LogCheckpoint target, long? nonce, CancellationToken cancellationToken)
    {
        long gas;
        try
        {
            gas = await _chain.EstimateAnchorGasAsync(target, cancellationToken);
        }
        catch (AnchorRevertedException e)
        {
            await FailAsync(target.Size, e.Message, clearInFlight: true, cancellationToken);
            return;
        }

        long useNonce = nonce ?? await _chain.GetNonceAsync(includePending: true, cancellationToken);
        FeeQuote fees = await _chain.SuggestFeesAsync(cancellationToken);
        SignedChainTransaction signed = _chain.SignAnchor(target, useNonce, fees, gas);
        DateTimeOffset now = _time.GetUtcNow();
        AnchorState state = _keeper.State;
        await _keeper.SaveAsync(state with
        {
            InFlight = new InFlightAnchor(useNonce, [SentTransaction.From(signed, target, now)], now),
            Phase = AnchorPhase.Submitted,
            Counters = state.Counters with { Submitted = state.Counters.Submitted + 1 },
        }, cancellationToken);
        AnchorLog.Submitted(_logger, target.Size, signed.Hash, useNonce, signed.MaxFeePerGas, signed.MaxPriorityFeePerGas);
        await BroadcastAsync(signed, cancellationToken);
    }

    /// <summary>Replaces the in-flight transaction with the same nonce, higher fees and (perhaps another) target.</summary>
    public async Task ReplaceAsync(InFlightAnchor inFlight, LogCheckpoint target, string why, CancellationToken cancellationToken)
    {
        FeeQuote suggested = await _chain.SuggestFeesAsync(cancellationToken);
        FeeQuote? fees = FeeBump.Next(inFlight.Latest.Fees, suggested, _policy.FeeBumpPercent, _policy.MaxFeePerGas);
        DateTimeOffset now = _time.GetUtcNow();
        AnchorState state = _keeper.State;
        if (fees is null)
        {
            AnchorLog.FeeCapReached(_logger, target.Size, _policy.MaxFeePerGas);
            await _keeper.SaveAsync(state with { InFlight = inFlight with { LastSentAt = now } }, cancellationToken);
            return;
        }

        long gas = target == inFlight.Target ? inFlight.Latest.GasLimit : await _chain.EstimateAnchorGasAsync(target, cancellationToken);
        SignedChainTransaction signed = _chain.SignAnchor(target, inFlight.Nonce, fees, gas);
        await _keeper.SaveAsync(state with
        {
            InFlight = inFlight with { Transactions = [.. inFlight.Transactions, SentTransaction.From(signed, target, now)], LastSentAt = now },
            Phase = AnchorPhase.Submitted,
            Counters = state.Counters with { FeeBumps = state.Counters.FeeBumps + 1 },
        }, cancellationToken);
        AnchorLog.Replaced(_logger, target.Size, inFlight.Nonce, why, signed.Hash, fees.MaxFeePerGas, fees.MaxPriorityFeePerGas);
        await BroadcastAsync(signed, cancellationToken);
    }

    /// <summary>Sends the newest version again (the node lost it, e.g. a restarted node's empty pool).</summary>
    public async Task RebroadcastAsync(InFlightAnchor inFlight, CancellationToken cancellationToken)
    {
        AnchorState state = _keeper.State;
        await _keeper.SaveAsync(state with
        {
            InFlight = inFlight with { LastSentAt = _time.GetUtcNow() },
            Counters = state.Counters with { Rebroadcasts = state.Counters.Rebroadcasts + 1 },
        }, cancellationToken);
        AnchorLog.Rebroadcast(_logger, inFlight.Latest.Hash, inFlight.Nonce);
        await BroadcastAsync(inFlight.Latest.ToSigned(inFlight.Nonce), cancellationToken);
    }

    /// <summary>Records a failure: the reason, and no new transaction before the failure backoff has passed.</summary>
    public async Task FailAsync(long size, string reason, bool clearInFlight, CancellationToken cancellationToken)
    {
        AnchorLog.Failed(_logger, size, reason);
        DateTimeOffset now = _time.GetUtcNow();
        AnchorState state = _keeper.State;
        await _keeper.SaveAsync(state with
        {
            Phase = AnchorPhase.Failed,
            LastFailure = new AnchorFailure(now, size, reason),
            RetryAfter = now + _policy.FailureBackoff,
            InFlight = clearInFlight ? null : state.InFlight,
        }, cancellationToken);
    }

    private async Task BroadcastAsync(SignedChainTransaction signed, CancellationToken cancellationToken)
    {
        try
        {
            await _chain.BroadcastAsync(signed, cancellationToken);
        }
        catch (TransactionRejectedException e) when (e.Rejection is TransactionRejection.NonceTooLow)
        {
            AnchorLog.Refused(_logger, e.Message); // the next step finds the nonce used and resynchronises
        }
        catch (TransactionRejectedException e) when (e.Rejection is TransactionRejection.Underpriced)
        {
            AnchorLog.Refused(_logger, e.Message);
            AnchorState state = _keeper.State;
            if (state.InFlight is { } inFlight)
            {
                // Counts as stuck at once: the next step replaces it with higher fees.
                await _keeper.SaveAsync(state with { InFlight = inFlight with { LastSentAt = DateTimeOffset.MinValue } }, cancellationToken);
            }
        }
        catch (TransactionRejectedException e)
        {
            await FailAsync(_keeper.State.InFlight?.Target.Size ?? 0, e.Message, clearInFlight: false, cancellationToken);
        }
    }
}
