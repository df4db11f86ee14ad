using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Verification;

namespace Millwright.Controller.Tests.Proofs.Verification;

public sealed class BundleVerifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Offline_a_frame_bundle_gets_frame_and_inclusion_and_notes_what_was_not_checked()
    {
        var fixture = new ProofFixture(6);
        fixture.AnchorAt(6, block: 2);

        VerificationReport report = await new BundleVerifier(null, null).VerifyAsync(await fixture.BundleAsync(4), Ct);

        Assert.True(report.AllPassed);
        Assert.Equal(["frame", "inclusion"], report.Checks.Select(c => c.Name));
        Assert.StartsWith("frame proof of mill-02 epoch 1 sequence 2: leaf 3 of a tree of 6, anchored on chain 31337", report.Subject, StringComparison.Ordinal);
        Assert.Contains(report.Notes, n => n.StartsWith("MAC not checked", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.StartsWith("on-chain record not checked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_secret_and_a_chain_every_check_runs_in_order()
    {
        var fixture = new ProofFixture(6);
        fixture.AnchorAt(6, block: 2);
        var chain = new FakeAnchorContract();
        chain.Hold(6, fixture.Log.Root(6), 2);

        VerificationReport report = await new BundleVerifier(new OnChainAnchorChecks(chain, 3), fixture.Mill.Secret).VerifyAsync(await fixture.BundleAsync(4), Ct);

        Assert.True(report.AllPassed, string.Join("\n", report.Checks));
        Assert.Equal(["frame", "inclusion", "mac", "chain-id", "on-chain-root", "block", "confirmations"], report.Checks.Select(c => c.Name));
        Assert.Empty(report.Notes);
    }

    [Fact]
    public async Task A_consistency_bundle_checks_both_checkpoints_on_chain()
    {
        var fixture = new ProofFixture(30);
        fixture.AnchorAt(10, block: 2);
        fixture.AnchorAt(30, block: 5);
        var chain = new FakeAnchorContract();
        chain.Hold(10, fixture.Log.Root(10), 2);
        chain.Hold(30, fixture.Log.Root(30), 5);
        ConsistencyProofBundle bundle = await fixture.Builder.ConsistencyAsync(10, 30, Ct);

        VerificationReport report = await new BundleVerifier(new OnChainAnchorChecks(chain, 1), null).VerifyAsync(bundle, Ct);

        Assert.True(report.AllPassed, string.Join("\n", report.Checks));
        Assert.Equal(
            ["consistency", "chain-id", "old on-chain-root", "old block", "old confirmations", "new on-chain-root", "new block", "new confirmations"],
            report.Checks.Select(c => c.Name));
    }

    [Fact]
    public async Task An_unanchored_bundle_passes_offline_with_a_note_and_fails_when_the_chain_is_asked()
    {
        var fixture = new ProofFixture(6);
        FrameProofBundle bundle = await fixture.BundleAsync(2, allowUnanchored: true);

        VerificationReport offline = await new BundleVerifier(null, null).VerifyAsync(bundle, Ct);
        VerificationReport online = await new BundleVerifier(new OnChainAnchorChecks(new FakeAnchorContract(), 1), null).VerifyAsync(bundle, Ct);

        Assert.True(offline.AllPassed);
        Assert.Contains(offline.Notes, n => n.StartsWith("unanchored: ", StringComparison.Ordinal));
        Assert.False(online.AllPassed);
        Assert.Equal("anchor", Assert.Single(online.Failed).Name);
    }
}
