using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Verification;

namespace Millwright.Controller.Tests.Proofs.Verification;

public sealed class OnChainAnchorChecksTests
{
    private readonly FakeAnchorContract _chain = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_anchor_the_contract_holds_in_the_same_block_deep_enough_passes_every_check()
    {
        FrameProofBundle bundle = await AnchoredBundleAsync(block: 7);
        _chain.LatestBlock = 11;

        IReadOnlyList<CheckResult> results = await new OnChainAnchorChecks(_chain, 5).CheckAsync(bundle.Checkpoint, string.Empty, Ct);

        Assert.Equal(["chain-id", "on-chain-root", "block", "confirmations"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
        Assert.Equal("PASS confirmations: 5 confirmations (latest block 11; at least 5 required)", results[3].ToString());
        Assert.Equal($"PASS block: recorded in block 7, hash {FakeAnchorHistory.BlockHash(7)}", results[2].ToString());
    }

    [Fact]
    public async Task Too_few_confirmations_fail_and_say_to_verify_again_later()
    {
        FrameProofBundle bundle = await AnchoredBundleAsync(block: 7);
        _chain.LatestBlock = 10;

        IReadOnlyList<CheckResult> results = await new OnChainAnchorChecks(_chain, 5).CheckAsync(bundle.Checkpoint, string.Empty, Ct);

        Assert.Equal("FAIL confirmations: 4 confirmations (latest block 10), 5 required: the anchor could still be reorganised away; verify again later", results[^1].ToString());
    }

    [Fact]
    public async Task Another_chain_stops_at_the_chain_id()
    {
        FrameProofBundle bundle = await AnchoredBundleAsync(block: 7);
        _chain.ChainId = 1;

        IReadOnlyList<CheckResult> results = await new OnChainAnchorChecks(_chain, 1).CheckAsync(bundle.Checkpoint, string.Empty, Ct);

        Assert.Equal("FAIL chain-id: the endpoint serves chain 1, the bundle was anchored on chain 31337: use an endpoint of that chain", Assert.Single(results).ToString());
    }

    [Fact]
    public async Task A_root_the_contract_does_not_hold_fails_the_on_chain_root()
    {
        FrameProofBundle bundle = await AnchoredBundleAsync(block: 7);
        byte[] otherRoot = Tamper.Flip(bundle.Checkpoint.Root, 0);

        IReadOnlyList<CheckResult> tampered = await new OnChainAnchorChecks(_chain, 1).CheckAsync(bundle.Checkpoint with { Root = otherRoot }, string.Empty, Ct);
        IReadOnlyList<CheckResult> otherSize = await new OnChainAnchorChecks(_chain, 1).CheckAsync(bundle.Checkpoint with { TreeSize = 11 }, string.Empty, Ct);

        Assert.Equal(
            $"FAIL on-chain-root: checkpoint(12) at {FakeAnchorHistory.Contract} returns root 0x{Convert.ToHexStringLower(bundle.Checkpoint.Root)}, the bundle claims 0x{Convert.ToHexStringLower(otherRoot)}",
            tampered[^1].ToString());
        Assert.StartsWith($"FAIL on-chain-root: the contract at {FakeAnchorHistory.Contract} holds no checkpoint of size 11", otherSize[^1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moved_or_reorganised_block_fails_the_block_check()
    {
        FrameProofBundle bundle = await AnchoredBundleAsync(block: 7);
        var checks = new OnChainAnchorChecks(_chain, 1);

        _chain.BlockHashes[7] = FakeAnchorHistory.BlockHash(99);
        CheckResult reorganised = (await checks.CheckAsync(bundle.Checkpoint, string.Empty, Ct)).Single(r => r.Name == "block");
        _chain.Hold(12, bundle.Checkpoint.Root, 8);
        CheckResult moved = (await checks.CheckAsync(bundle.Checkpoint, string.Empty, Ct)).Single(r => r.Name == "block");

        Assert.Contains("the block was reorganised", reorganised.ToString(), StringComparison.Ordinal);
        Assert.Equal("FAIL block: the contract says block 8 recorded the checkpoint, the bundle says block 7: a reorganisation moved it (export the bundle again)", moved.ToString());
    }

    [Fact]
    public async Task No_contract_at_the_address_and_an_endpoint_that_does_not_answer_fail_the_check_under_way()
    {
        FrameProofBundle bundle = await AnchoredBundleAsync(block: 7);
        _chain.Contract = "0x0000000000000000000000000000000000000001";

        CheckResult missing = (await new OnChainAnchorChecks(_chain, 1).CheckAsync(bundle.Checkpoint, "old", Ct))[^1];
        _chain.Failure = new ChainUnavailableException("eth_chainId: the chain's JSON-RPC endpoint did not answer (connection refused)", new IOException());
        CheckResult down = Assert.Single(await new OnChainAnchorChecks(_chain, 1).CheckAsync(bundle.Checkpoint, string.Empty, Ct));

        Assert.Equal($"FAIL old on-chain-root: there is no anchor contract at {FakeAnchorHistory.Contract} on chain 31337 (a wrong address, or a chain that was reset)", missing.ToString());
        Assert.Equal("FAIL chain-id: the chain could not be asked: eth_chainId: the chain's JSON-RPC endpoint did not answer (connection refused)", down.ToString());
    }

    [Fact]
    public async Task An_unanchored_checkpoint_has_nothing_to_check_on_chain()
    {
        var fixture = new ProofFixture(3);
        FrameProofBundle bundle = await fixture.BundleAsync(1, allowUnanchored: true);

        CheckResult result = Assert.Single(await new OnChainAnchorChecks(_chain, 1).CheckAsync(bundle.Checkpoint, string.Empty, Ct));

        Assert.StartsWith("FAIL anchor: the checkpoint of size 3 is not anchored in this bundle", result.ToString(), StringComparison.Ordinal);
    }

    private async Task<FrameProofBundle> AnchoredBundleAsync(long block)
    {
        var fixture = new ProofFixture(12);
        fixture.AnchorAt(12, block);
        _chain.Hold(12, fixture.Log.Root(12), block);
        return await fixture.BundleAsync(4);
    }
}
