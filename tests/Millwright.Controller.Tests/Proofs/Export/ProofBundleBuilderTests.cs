using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Export;
using Millwright.Controller.Proofs.Verification;

namespace Millwright.Controller.Tests.Proofs.Export;

public sealed class ProofBundleBuilderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_frame_is_proven_against_the_earliest_anchored_checkpoint_that_holds_it()
    {
        var fixture = new ProofFixture(40);
        fixture.AnchorAt(10, block: 5);
        fixture.AnchorAt(25, block: 9);
        fixture.AnchorAt(40, block: 14);

        FrameProofBundle atTen = await fixture.BundleAsync(10);
        FrameProofBundle atEleven = await fixture.BundleAsync(11);
        FrameProofBundle atForty = await fixture.BundleAsync(40);

        Assert.Equal((10L, 5L), (atTen.Checkpoint.TreeSize, atTen.Checkpoint.Anchor!.BlockNumber));
        Assert.Equal((25L, 9L), (atEleven.Checkpoint.TreeSize, atEleven.Checkpoint.Anchor!.BlockNumber));
        Assert.Equal(40L, atForty.Checkpoint.TreeSize);
        Assert.Equal(10L, atEleven.LeafIndex);
        Assert.Equal(fixture.Log.Root(25), atEleven.Checkpoint.Root);
    }

    [Fact]
    public async Task The_bundle_carries_the_frame_the_claims_and_the_whole_anchoring_record()
    {
        var fixture = new ProofFixture(7);
        fixture.AnchorAt(7, block: 3);

        FrameProofBundle bundle = await fixture.BundleAsync(5);

        Assert.Equal(("press-01", 1, 3L, 4L), (bundle.DeviceId, bundle.Epoch, bundle.Sequence, bundle.LeafIndex));
        Assert.Equal((await fixture.Log.GetFrameAsync(5, Ct))!.RawMessage, bundle.SignedFrame);
        AnchorRecord anchor = bundle.Checkpoint.Anchor!;
        Assert.Equal(FakeAnchorHistory.ChainId, anchor.ChainId);
        Assert.Equal(FakeAnchorHistory.Contract, anchor.ContractAddress);
        Assert.Equal(FakeAnchorHistory.TransactionHash(7), anchor.TransactionHash);
        Assert.Equal(FakeAnchorHistory.BlockHash(3), anchor.BlockHash);
        Assert.Equal(1_767_225_600 + 3 * 12, anchor.BlockTime);
    }

    [Fact]
    public async Task A_frame_found_by_device_epoch_and_sequence_is_the_same_bundle_as_by_log_index()
    {
        var fixture = new ProofFixture(12);
        fixture.AnchorAt(12, block: 2);

        FrameProofBundle byDevice = await fixture.Builder.ForDeviceFrameAsync("mill-02", 1, 4, false, Ct);
        FrameProofBundle byIndex = await fixture.BundleAsync(8);

        Assert.Equal(ProofBundleJson.Serialize(byIndex), ProofBundleJson.Serialize(byDevice));
    }

    [Fact]
    public async Task Every_leaf_of_every_small_tree_yields_a_bundle_that_verifies()
    {
        var fixture = new ProofFixture(0);
        for (int size = 1; size <= 33; size++)
        {
            fixture.Add(size % 2 == 1 ? fixture.Press : fixture.Mill);
            for (long logIndex = 1; logIndex <= size; logIndex++)
            {
                FrameProofBundle bundle = await fixture.BundleAsync(logIndex, allowUnanchored: true);
                Assert.Equal(size, bundle.Checkpoint.TreeSize);
                Assert.True(FrameBundleChecks.Inclusion(bundle).Passed, $"leaf {logIndex - 1} of {size}");
                Assert.True(FrameBundleChecks.Frame(bundle).Passed, $"frame {logIndex}");
            }
        }
    }

    [Fact]
    public async Task A_frame_no_anchored_checkpoint_covers_is_refused_naming_the_situation()
    {
        var fixture = new ProofFixture(30);
        fixture.AnchorAt(20, block: 4);
        fixture.Anchors.Pending(30, fixture.Log.Root(30));

        ProofUnavailableException refused = await Assert.ThrowsAsync<ProofUnavailableException>(() => fixture.BundleAsync(21));

        Assert.Equal(ProofUnavailableReason.NotYetAnchored, refused.Reason);
        Assert.Contains("frame 21 (press-01, epoch 1, sequence 11) is not covered by an anchored checkpoint yet", refused.Message, StringComparison.Ordinal);
        Assert.Contains("newest anchored checkpoint has size 20", refused.Message, StringComparison.Ordinal);
        Assert.Contains("size 30 that will cover it is waiting", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--unanchored", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_anchoring_a_frame_is_refused_unless_unanchored_is_asked_for()
    {
        var fixture = new ProofFixture(9);

        ProofUnavailableException refused = await Assert.ThrowsAsync<ProofUnavailableException>(() => fixture.BundleAsync(3));
        FrameProofBundle unanchored = await fixture.BundleAsync(3, allowUnanchored: true);

        Assert.Contains("anchoring has not run for this log yet", refused.Message, StringComparison.Ordinal);
        Assert.Null(unanchored.Checkpoint.Anchor);
        Assert.Equal(9, unanchored.Checkpoint.TreeSize);
        Assert.Equal(fixture.Log.Root(9), unanchored.Checkpoint.Root);
    }

    [Fact]
    public async Task Unanchored_is_only_a_fallback_an_anchored_checkpoint_is_still_preferred()
    {
        var fixture = new ProofFixture(9);
        fixture.AnchorAt(6, block: 1);

        FrameProofBundle bundle = await fixture.BundleAsync(3, allowUnanchored: true);

        Assert.Equal(6, bundle.Checkpoint.TreeSize);
        Assert.NotNull(bundle.Checkpoint.Anchor);
    }

    [Fact]
    public async Task A_missing_frame_is_not_found()
    {
        var fixture = new ProofFixture(3);

        ProofUnavailableException byIndex = await Assert.ThrowsAsync<ProofUnavailableException>(() => fixture.BundleAsync(4));
        ProofUnavailableException byDevice = await Assert.ThrowsAsync<ProofUnavailableException>(() => fixture.Builder.ForDeviceFrameAsync("press-01", 2, 1, true, Ct));

        Assert.Equal((ProofUnavailableReason.FrameNotFound, ProofUnavailableReason.FrameNotFound), (byIndex.Reason, byDevice.Reason));
        Assert.Equal("no stored frame has log index 4", byIndex.Message);
        Assert.Equal("no stored frame of device 'press-01' at epoch 2, sequence 1", byDevice.Message);
    }

    [Fact]
    public async Task An_anchored_root_the_log_no_longer_has_is_an_error_not_a_bundle()
    {
        var fixture = new ProofFixture(8);
        fixture.Anchors.Anchor(8, fixture.Log.Root(7), block: 2);

        ProofUnavailableException refused = await Assert.ThrowsAsync<ProofUnavailableException>(() => fixture.BundleAsync(1));

        Assert.Equal(ProofUnavailableReason.LogDisagreesWithAnchor, refused.Reason);
        Assert.Contains("the log has been changed since it was anchored", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consistency_bundle_carries_both_roots_the_path_and_the_anchors_of_anchored_sizes()
    {
        var fixture = new ProofFixture(50);
        fixture.AnchorAt(13, block: 3);
        fixture.AnchorAt(50, block: 8);

        ConsistencyProofBundle toNewest = await fixture.Builder.ConsistencyAsync(13, null, Ct);
        ConsistencyProofBundle partly = await fixture.Builder.ConsistencyAsync(7, 50, Ct);

        Assert.Equal((13L, 50L), (toNewest.Old.TreeSize, toNewest.New.TreeSize));
        Assert.Equal((3L, 8L), (toNewest.Old.Anchor!.BlockNumber, toNewest.New.Anchor!.BlockNumber));
        Assert.Equal(fixture.Log.Root(13), toNewest.Old.Root);
        Assert.True(ConsistencyBundleChecks.Consistency(toNewest).Passed);
        Assert.Null(partly.Old.Anchor);
        Assert.NotNull(partly.New.Anchor);
        Assert.True(ConsistencyBundleChecks.Consistency(partly).Passed);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(6, 5)]
    [InlineData(3, 11)]
    public async Task Consistency_sizes_outside_the_log_or_out_of_order_are_refused(long from, long to)
    {
        var fixture = new ProofFixture(10);

        ProofUnavailableException refused = await Assert.ThrowsAsync<ProofUnavailableException>(() => fixture.Builder.ConsistencyAsync(from, to, Ct));

        Assert.Equal(ProofUnavailableReason.SizeOutOfRange, refused.Reason);
        Assert.Contains("1 ≤ from ≤ to ≤ 10", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consistency_to_the_newest_anchor_needs_one()
    {
        var fixture = new ProofFixture(10);

        ProofUnavailableException refused = await Assert.ThrowsAsync<ProofUnavailableException>(() => fixture.Builder.ConsistencyAsync(3, null, Ct));

        Assert.Equal(ProofUnavailableReason.NotYetAnchored, refused.Reason);
    }
}
