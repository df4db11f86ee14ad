using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Verification;

namespace Millwright.Controller.Tests.Proofs.Verification;

/// <summary>
/// Systematic tampering (in the spirit of transparency-dev/merkle's proof tests): every byte of the frame, every byte
/// of every path entry and of the root, the leaf index ±1, a tree of another shape, a path one entry short or long.
/// Each must fail the inclusion check, which says so. A tree size ±1 of the same shape is caught on chain.
/// </summary>
public sealed class FrameBundleTamperingTests
{
    private static async Task<FrameProofBundle> GenuineAsync()
    {
        // Leaf 21 of 37: a path with left and right siblings and a right-edge subtree that is not a power of two.
        var fixture = new ProofFixture(37);
        fixture.AnchorAt(37, block: 4);
        FrameProofBundle bundle = await fixture.BundleAsync(22);
        Assert.True(FrameBundleChecks.Inclusion(bundle).Passed);
        Assert.True(FrameBundleChecks.Frame(bundle).Passed);
        return bundle;
    }

    [Fact]
    public async Task Every_changed_byte_of_the_frame_fails_inclusion()
    {
        FrameProofBundle genuine = await GenuineAsync();
        for (int i = 0; i < genuine.SignedFrame.Length; i++)
        {
            AssertInclusionFails(genuine with { SignedFrame = Tamper.Flip(genuine.SignedFrame, i) }, $"frame byte {i}");
        }
    }

    [Fact]
    public async Task Every_changed_byte_of_every_path_entry_fails_inclusion()
    {
        FrameProofBundle genuine = await GenuineAsync();
        Assert.True(genuine.InclusionPath.Count >= 5);
        for (int entry = 0; entry < genuine.InclusionPath.Count; entry++)
        {
            for (int i = 0; i < 32; i++)
            {
                List<byte[]> path = [.. genuine.InclusionPath];
                path[entry] = Tamper.Flip(path[entry], i);
                AssertInclusionFails(genuine with { InclusionPath = path }, $"path entry {entry} byte {i}");
            }
        }
    }

    [Fact]
    public async Task Every_changed_byte_of_the_root_fails_inclusion_and_shows_the_root_the_proof_leads_to()
    {
        FrameProofBundle genuine = await GenuineAsync();
        for (int i = 0; i < 32; i++)
        {
            CheckResult result = AssertInclusionFails(genuine with { Checkpoint = genuine.Checkpoint with { Root = Tamper.Flip(genuine.Checkpoint.Root, i) } }, $"root byte {i}");
            Assert.Contains($"it leads to 0x{Convert.ToHexStringLower(genuine.Checkpoint.Root)}", result.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task A_leaf_index_off_by_one_fails_inclusion(int delta)
    {
        FrameProofBundle genuine = await GenuineAsync();
        AssertInclusionFails(genuine with { LeafIndex = genuine.LeafIndex + delta }, $"index {delta:+0;-0}");
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public async Task A_tree_of_another_shape_fails_inclusion(double factor)
    {
        FrameProofBundle genuine = await GenuineAsync();
        AssertInclusionFails(genuine with { Checkpoint = genuine.Checkpoint with { TreeSize = (long)(genuine.Checkpoint.TreeSize * factor) } }, $"size x{factor}");
    }

    /// <summary>
    /// An RFC 9162 root does not commit to the tree size: 36, 37 and 38 leaves give leaf 21 a path of the same shape,
    /// so the same path and root also "verify" for a size one off. What binds the size to the root is the anchor: the
    /// contract's checkpoint(size). Offline the inclusion check passes; with the chain, the on-chain root fails.
    /// </summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task A_tree_size_off_by_one_of_the_same_shape_fails_on_chain(int delta)
    {
        var fixture = new ProofFixture(37);
        fixture.AnchorAt(37, block: 4);
        var chain = new FakeAnchorContract();
        chain.Hold(37, fixture.Log.Root(37), 4);
        FrameProofBundle genuine = await fixture.BundleAsync(22);
        FrameProofBundle tampered = genuine with { Checkpoint = genuine.Checkpoint with { TreeSize = 37 + delta } };

        VerificationReport report = await new BundleVerifier(new OnChainAnchorChecks(chain, 1), null).VerifyAsync(tampered, TestContext.Current.CancellationToken);

        Assert.True(FrameBundleChecks.Inclusion(tampered).Passed); // the documented limit of offline checking
        CheckResult failed = Assert.Single(report.Failed);
        Assert.Equal($"FAIL on-chain-root: the contract at {FakeAnchorHistory.Contract} holds no checkpoint of size {37 + delta}: it was never anchored there, or a reorganisation removed it", failed.ToString());
    }

    [Fact]
    public async Task A_path_one_entry_short_or_long_fails_inclusion()
    {
        FrameProofBundle genuine = await GenuineAsync();
        CheckResult shorter = AssertInclusionFails(genuine with { InclusionPath = genuine.InclusionPath.Take(genuine.InclusionPath.Count - 1).ToList() }, "short");
        CheckResult longer = AssertInclusionFails(genuine with { InclusionPath = [.. genuine.InclusionPath, new byte[32]] }, "long");

        Assert.Contains("proof length does not match the leaf index and tree size", shorter.Detail, StringComparison.Ordinal);
        Assert.Contains("proof length does not match the leaf index and tree size", longer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leaf_index_or_tree_size_outside_any_tree_is_named()
    {
        FrameProofBundle genuine = await GenuineAsync();

        CheckResult outside = AssertInclusionFails(genuine with { LeafIndex = genuine.Checkpoint.TreeSize }, "index = size");
        CheckResult empty = AssertInclusionFails(genuine with { Checkpoint = genuine.Checkpoint with { TreeSize = 0 } }, "size 0");

        Assert.Contains("leaf index is outside the tree", outside.Detail, StringComparison.Ordinal);
        Assert.Contains("tree size must be positive", empty.Detail, StringComparison.Ordinal);
    }

    private static CheckResult AssertInclusionFails(FrameProofBundle tampered, string what)
    {
        CheckResult result = FrameBundleChecks.Inclusion(tampered);
        Assert.False(result.Passed, $"{what}: inclusion passed");
        Assert.Equal(CheckNames.Inclusion, result.Name);
        Assert.StartsWith("FAIL inclusion: ", result.ToString(), StringComparison.Ordinal);
        return result;
    }
}
