using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>The anchoring state machine on a real Anvil: the normal path, triggers, confirmations, restarts.</summary>
[Collection(AnvilTestGroup.Name)]
public sealed class AnchorServiceTests
{
    [Fact]
    public async Task Checkpoints_are_anchored_in_order_after_the_configured_confirmations()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync(options => options.Confirmations = 3);
        harness.Log.Grow(5);

        await harness.StepUntilAsync(state => state.Phase == AnchorPhase.Confirming, "size 5 in a block");
        await harness.StepAsync();
        Assert.Equal(AnchorPhase.Confirming, harness.State.Phase); // one confirmation of three
        await harness.Cheats.MineAsync(2);
        await harness.StepUntilAnchoredAsync(5);

        harness.Log.Grow(9);
        await harness.StepUntilAsync(state => state.Phase == AnchorPhase.Confirming, "size 9 in a block");
        await harness.Cheats.MineAsync(2);
        await harness.StepUntilAnchoredAsync(9);

        await harness.AssertAnchoredExactlyAsync(5, 9);
        IReadOnlyList<AnchoredEvent> events = await harness.EventsAsync();
        Assert.Equal([0ul, 5ul], events.Select(anchored => anchored.PreviousSize));
        Assert.All(harness.State.Watched, anchored =>
        {
            Assert.NotNull(anchored.TransactionHash);
            Assert.StartsWith("0x", anchored.BlockHash, StringComparison.Ordinal);
            Assert.InRange(anchored.GasUsed ?? 0, 21_000, 150_000);
        });
        Assert.Equal(2, harness.State.Counters.Submitted);
        Assert.Equal(2, harness.State.Counters.Confirmed);
    }

    [Fact]
    public async Task A_checkpoint_waits_for_enough_frames_or_enough_time()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync(options =>
        {
            options.MinFrames = 100;
            options.MaxInterval = TimeSpan.FromMinutes(10);
        });

        harness.Log.Grow(40);
        await harness.StepAsync();
        Assert.Empty(harness.State.Queue);
        harness.Clock.Advance(TimeSpan.FromMinutes(10));
        await harness.StepUntilAnchoredAsync(40); // time

        harness.Log.Grow(139);
        await harness.StepAsync();
        Assert.Empty(harness.State.Queue);
        harness.Log.Grow(140);
        await harness.StepUntilAnchoredAsync(140); // frames

        await harness.AssertAnchoredExactlyAsync(40, 140);
    }

    [Fact]
    public async Task A_restarted_service_resumes_its_pending_anchor_and_never_anchors_twice()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync();
        await harness.Cheats.SetAutomineAsync(false);
        harness.Log.Grow(12);
        await harness.StepUntilAsync(state => state.InFlight is not null, "an anchor in flight");
        string hash = harness.State.InFlight!.Latest.Hash;

        await harness.RestartServiceAsync();
        Assert.Equal(hash, harness.State.InFlight!.Latest.Hash);
        await harness.StepAsync();
        await harness.StepAsync();
        Assert.Single(harness.State.InFlight!.Transactions);

        await harness.Cheats.MineAsync();
        await harness.StepUntilAnchoredAsync(12);
        Assert.Equal(hash, harness.State.Watched.Single().TransactionHash);
        Assert.Equal(1, harness.State.Counters.Submitted);
        await harness.AssertAnchoredExactlyAsync(12);
    }

    [Fact]
    public async Task A_restarted_controller_keeps_its_chain_contract_and_key_and_resends_a_pending_anchor()
    {
        await using AnchorHarness harness = await AnchorHarness.StartAsync();
        harness.Log.Grow(3);
        await harness.StepUntilAnchoredAsync(3);
        string contract = harness.Chain.ContractAddress;
        string anchorer = harness.Chain.AnchorerAddress;
        await harness.Cheats.SetAutomineAsync(false);
        harness.Log.Grow(8);
        await harness.StepUntilAsync(state => state.InFlight is not null, "an anchor in flight");
        string pending = harness.State.InFlight!.Latest.Hash;

        await harness.RestartControllerAsync(); // Anvil's pool is not saved: the pending anchor is gone from the node

        Assert.Equal(contract, harness.Chain.ContractAddress);
        Assert.Equal(anchorer, harness.Chain.AnchorerAddress);
        await harness.StepUntilAnchoredAsync(8);
        Assert.Equal(pending, harness.State.Watched[^1].TransactionHash);
        Assert.Equal(2, harness.State.Counters.Submitted);
        Assert.True(harness.State.Counters.Rebroadcasts >= 1);
        await harness.AssertAnchoredExactlyAsync(3, 8);
    }
}
