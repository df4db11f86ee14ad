using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Verification;

namespace Millwright.Controller.Tests.Proofs.Verification;

public sealed class ConsistencyBundleChecksTests
{
    private static async Task<ConsistencyProofBundle> GenuineAsync()
    {
        var fixture = new ProofFixture(45);
        fixture.AnchorAt(13, block: 2);
        fixture.AnchorAt(45, block: 6);
        ConsistencyProofBundle bundle = await fixture.Builder.ConsistencyAsync(13, 45, TestContext.Current.CancellationToken);
        Assert.True(ConsistencyBundleChecks.Consistency(bundle).Passed);
        return bundle;
    }

    [Fact]
    public async Task A_genuine_consistency_bundle_passes_and_names_both_trees()
    {
        ConsistencyProofBundle bundle = await GenuineAsync();

        CheckResult result = ConsistencyBundleChecks.Consistency(bundle);

        Assert.StartsWith("PASS consistency: the tree of size 13 (root 0x", result.ToString(), StringComparison.Ordinal);
        Assert.Contains($"is a prefix of the tree of size 45 (root 0x{Convert.ToHexStringLower(bundle.New.Root)}), {bundle.Path.Count} path hashes", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_changed_byte_of_every_path_entry_and_of_either_root_fails()
    {
        ConsistencyProofBundle genuine = await GenuineAsync();
        for (int entry = 0; entry < genuine.Path.Count; entry++)
        {
            for (int i = 0; i < 32; i++)
            {
                List<byte[]> path = [.. genuine.Path];
                path[entry] = Tamper.Flip(path[entry], i);
                AssertFails(genuine with { Path = path }, $"path entry {entry} byte {i}");
            }
        }

        for (int i = 0; i < 32; i++)
        {
            AssertFails(genuine with { Old = genuine.Old with { Root = Tamper.Flip(genuine.Old.Root, i) } }, $"old root byte {i}");
            AssertFails(genuine with { New = genuine.New with { Root = Tamper.Flip(genuine.New.Root, i) } }, $"new root byte {i}");
        }
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 32)]
    [InlineData(0, -13)]
    public async Task An_old_size_off_by_one_or_a_new_tree_of_another_shape_fails(int oldDelta, int newDelta)
    {
        ConsistencyProofBundle genuine = await GenuineAsync();
        AssertFails(genuine with
        {
            Old = genuine.Old with { TreeSize = genuine.Old.TreeSize + oldDelta },
            New = genuine.New with { TreeSize = genuine.New.TreeSize + newDelta },
        }, $"sizes {oldDelta}, {newDelta}");
    }

    /// <summary>As with inclusion, the root does not commit to the size: 44, 45 and 46 leaves give the same proof
    /// shape from 13, and the size is bound to the root on chain.</summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task A_new_size_off_by_one_of_the_same_shape_fails_on_chain(int delta)
    {
        var fixture = new ProofFixture(45);
        fixture.AnchorAt(13, block: 2);
        fixture.AnchorAt(45, block: 6);
        var chain = new FakeAnchorContract();
        chain.Hold(13, fixture.Log.Root(13), 2);
        chain.Hold(45, fixture.Log.Root(45), 6);
        ConsistencyProofBundle genuine = await fixture.Builder.ConsistencyAsync(13, 45, TestContext.Current.CancellationToken);
        ConsistencyProofBundle tampered = genuine with { New = genuine.New with { TreeSize = 45 + delta } };

        VerificationReport report = await new BundleVerifier(new OnChainAnchorChecks(chain, 1), null).VerifyAsync(tampered, TestContext.Current.CancellationToken);

        Assert.Equal("new on-chain-root", Assert.Single(report.Failed).Name);
    }

    [Fact]
    public async Task Swapped_trees_fail_naming_the_order()
    {
        ConsistencyProofBundle genuine = await GenuineAsync();

        CheckResult result = AssertFails(genuine with { Old = genuine.New, New = genuine.Old }, "swapped");

        Assert.Contains("the first tree is larger than the second", result.Detail, StringComparison.Ordinal);
    }

    private static CheckResult AssertFails(ConsistencyProofBundle tampered, string what)
    {
        CheckResult result = ConsistencyBundleChecks.Consistency(tampered);
        Assert.False(result.Passed, $"{what}: consistency passed");
        Assert.StartsWith("FAIL consistency: ", result.ToString(), StringComparison.Ordinal);
        return result;
    }
}
