using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.Keys;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>
/// Faults against a real Anvil: the node killed mid-anchor, blocks lost, a reorganisation, no mining, a base fee that
/// strands the anchor, a revert, the nonce taken by another transaction. In every case each checkpoint ends up in the
/// contract exactly once, in order.
/// </summary>
[Collection(AnvilTestGroup.Name)]
public sealed class AnchorFaultTests
{
    [Fact]
    public async Task Anvil_killed_with_an_anchor_pending_restarts_from_its_saved_chain_and_the_anchor_completes_once()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync();
        await harness.Cheats.SetAutomineAsync(false);
        harness.Log.Grow(6);
        await harness.StepUntilAsync(state => state.InFlight is not null, "an anchor in flight");
        await harness.Session.Anvil!.SaveStateAsync(TestContext.Current.CancellationToken);

        await harness.Session.Anvil.KillAbruptlyAsync();
        await harness.StepAsync(); // the RPC is down: Anvil is restarted from anvil-state.json

        await harness.StepUntilAnchoredAsync(6);
        Assert.Equal(1, harness.State.Counters.Submitted);
        Assert.True(harness.State.Counters.Rebroadcasts >= 1);
        await harness.AssertAnchoredExactlyAsync(6);
    }

    [Fact]
    public async Task Blocks_lost_with_a_killed_Anvil_are_detected_and_the_checkpoint_anchored_again()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync(options => options.AnvilStateInterval = TimeSpan.FromHours(1));
        await harness.Session.Anvil!.SaveStateAsync(TestContext.Current.CancellationToken); // the chain with the contract
        harness.Log.Grow(4);
        await harness.StepUntilAnchoredAsync(4);

        await harness.Session.Anvil.KillAbruptlyAsync(); // the anchor's block was never saved
        await harness.StepUntilAsync(state => state.Counters.Reorged == 1, "the lost checkpoint noticed");
        await harness.StepUntilAnchoredAsync(4);

        Assert.Equal(2, harness.State.Counters.Submitted);
        await harness.AssertAnchoredExactlyAsync(4);
    }

    [Fact]
    public async Task A_local_chain_lost_whole_gets_the_contract_again_and_every_checkpoint_anchored_again_in_order()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync();
        harness.Log.Grow(4);
        await harness.StepUntilAnchoredAsync(4);

        await harness.Session.Anvil!.KillAbruptlyAsync();
        File.Delete(harness.Session.Anvil.StateFile); // nothing of the chain is left
        harness.Log.Grow(6);
        await harness.StepUntilAnchoredAsync(6);

        // Same deployer, same nonce 0 on the new chain: the contract comes back at its address, and the state with it.
        Assert.Equal(1, harness.State.Counters.Reorged);
        await harness.AssertAnchoredExactlyAsync(4, 6);
    }

    [Fact]
    public async Task A_reorganisation_past_anchored_checkpoints_is_detected_and_they_are_anchored_again_in_order()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync(options => options.Confirmations = 2);
        harness.Log.Grow(5);
        await StepMiningUntilAnchoredAsync(harness, 5);
        harness.Log.Grow(8);
        await StepMiningUntilAnchoredAsync(harness, 8);
        long firstAnchorBlock = harness.State.Watched[0].BlockNumber;

        await harness.Cheats.ReorgAsync((int)(await harness.Cheats.BlockNumberAsync() - firstAnchorBlock + 1));

        await harness.StepUntilAsync(state => state.Counters.Reorged == 2, "the reorganisation noticed");
        Assert.Equal([5L, 8L], harness.State.Queue.Select(queued => queued.Checkpoint.Size));
        await StepMiningUntilAnchoredAsync(harness, 5);
        await StepMiningUntilAnchoredAsync(harness, 8);
        harness.Log.Grow(13);
        await StepMiningUntilAnchoredAsync(harness, 13);
        await harness.AssertAnchoredExactlyAsync(5, 8, 13);
    }

    [Fact]
    public async Task With_mining_paused_the_anchor_waits_without_replacements_and_completes_when_mining_resumes()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync();
        await harness.Cheats.SetAutomineAsync(false);
        harness.Log.Grow(7);
        await harness.StepUntilAsync(state => state.InFlight is not null, "an anchor in flight");

        for (int step = 0; step < 10; step++)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(2)); // 20 s in all, under StuckAfter
            await harness.StepAsync();
        }

        Assert.Equal(AnchorPhase.Submitted, harness.State.Phase);
        Assert.Single(harness.State.InFlight!.Transactions);
        await harness.Cheats.SetAutomineAsync(true);
        await harness.Cheats.MineAsync();
        await harness.StepUntilAnchoredAsync(7);

        Assert.Equal(0, harness.State.Counters.FeeBumps);
        await harness.AssertAnchoredExactlyAsync(7);
    }

    [Fact]
    public async Task An_anchor_stranded_by_a_rising_base_fee_is_replaced_with_the_same_nonce_and_higher_fees()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync();
        await harness.Cheats.SetAutomineAsync(false);
        harness.Log.Grow(9);
        await harness.StepUntilAsync(state => state.InFlight is not null, "an anchor in flight");
        SentTransaction first = harness.State.InFlight!.Latest;

        await harness.Cheats.SetNextBaseFeeAsync(first.MaxFeePerGas * 4);
        await harness.Cheats.MineAsync(); // a block our fee cap cannot pay for
        Assert.Null(await harness.Cheats.ReceiptAsync(first.Hash));
        harness.Clock.Advance(harness.Options.StuckAfter + TimeSpan.FromSeconds(1));
        await harness.StepUntilAsync(state => state.InFlight?.Transactions.Count == 2, "a replacement");

        InFlightAnchor inFlight = harness.State.InFlight!;
        SentTransaction second = inFlight.Latest;
        Assert.True(second.MaxFeePerGas >= FeeBump.Raise(first.MaxFeePerGas, 12.5), $"fee cap {second.MaxFeePerGas} after {first.MaxFeePerGas}");
        Assert.True(second.MaxPriorityFeePerGas >= FeeBump.Raise(first.MaxPriorityFeePerGas, 12.5));
        await harness.Cheats.MineAsync();
        await harness.StepUntilAnchoredAsync(9);

        Assert.Equal(second.Hash, harness.State.Watched.Single().TransactionHash);
        Assert.Null(await harness.Cheats.ReceiptAsync(first.Hash));
        Assert.Equal(inFlight.Nonce, (long)(await harness.Cheats.Web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(second.Hash)).Nonce.Value);
        Assert.Equal(1, harness.State.Counters.FeeBumps);
        await harness.AssertAnchoredExactlyAsync(9);
    }

    [Fact]
    public async Task A_reverted_anchor_is_a_failure_retried_after_the_backoff_never_a_success()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync(options => options.GasLimit = 30_000); // runs out of gas
        harness.Log.Grow(3);

        await harness.StepUntilAsync(state => state.Phase == AnchorPhase.Failed, "the revert recorded");

        Assert.Equal(1, harness.State.Counters.Reverted);
        Assert.Contains("reverted (status 0)", harness.State.LastFailure!.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.State.Watched);
        Assert.Null(harness.State.InFlight);
        Assert.Equal(3, harness.State.Queue.Single().Checkpoint.Size);
        Assert.Null(await harness.Chain.GetCheckpointAsync(3, TestContext.Current.CancellationToken));

        await harness.StepAsync();
        Assert.Equal(1, harness.State.Counters.Submitted); // backing off
        harness.Clock.Advance(harness.Options.FailureBackoff);
        await harness.StepUntilAsync(state => state.Counters.Reverted == 2, "the retry, reverted again");
        await harness.AssertAnchoredExactlyAsync();
    }

    [Fact]
    public async Task A_nonce_taken_by_another_transaction_is_resynchronised_and_the_checkpoint_anchored()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync();
        await harness.Cheats.SetAutomineAsync(false);
        harness.Log.Grow(4);
        await harness.StepUntilAsync(state => state.InFlight is not null, "an anchor in flight");
        InFlightAnchor inFlight = harness.State.InFlight!;

        // Another program with the same key spends the nonce first (it outbids our anchor in the pool).
        (byte[] key, _, _) = await AnchorKeystore.OpenOrCreateAsync(
            Path.Combine(harness.DataDirectory, "anchoring", "anchor-keystore.json"), "correct horse battery staple", null, TestContext.Current.CancellationToken);
        var other = new TransactionSigner(key, harness.Chain.ChainId);
        FeeQuote outbid = new(inFlight.Latest.MaxFeePerGas * 3, inFlight.Latest.MaxPriorityFeePerGas * 3);
        await harness.Chain.BroadcastAsync(other.Sign(other.Address, "0x", inFlight.Nonce, outbid, 21_000), TestContext.Current.CancellationToken);
        await harness.Cheats.MineAsync();

        await harness.StepUntilAsync(state => state.Counters.NonceResyncs == 1, "the nonce resynchronised");
        Assert.Equal(inFlight.Nonce + 1, harness.State.InFlight!.Nonce);
        await harness.Cheats.MineAsync();
        await harness.StepUntilAnchoredAsync(4);
        await harness.AssertAnchoredExactlyAsync(4);
    }

    private static async Task StepMiningUntilAnchoredAsync(AnchorHarness harness, long size)
    {
        for (int step = 0; step < 60; step++)
        {
            await harness.StepAsync();
            if (harness.State.Queue.Count == 0 && harness.State.Watched.Any(anchored => anchored.Checkpoint.Size == size))
            {
                return;
            }

            if (harness.State.Phase == AnchorPhase.Confirming)
            {
                await harness.Cheats.MineAsync();
            }
        }

        Assert.Fail($"size {size} not anchored; phase {harness.State.Phase}");
    }
}
