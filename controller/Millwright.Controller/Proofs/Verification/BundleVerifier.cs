using Millwright.Controller.Proofs.Bundles;

namespace Millwright.Controller.Proofs.Verification;

/// <summary>
/// Verifies a proof bundle with nothing but the bundle, and optionally a chain endpoint and the device secret: the
/// auditor's `millwright verify`. Needs no database and no controller.
/// </summary>
/// <param name="chain">Checks on chain when given (--rpc).</param>
/// <param name="secret">The device secret (32 bytes): checks the frame's MAC when given.</param>
internal sealed class BundleVerifier(OnChainAnchorChecks? chain, byte[]? secret)
{
    public async Task<VerificationReport> VerifyAsync(IProofBundle bundle, CancellationToken cancellationToken) => bundle switch
    {
        FrameProofBundle frame => await VerifyFrameAsync(frame, cancellationToken).ConfigureAwait(false),
        ConsistencyProofBundle consistency => await VerifyConsistencyAsync(consistency, cancellationToken).ConfigureAwait(false),
        _ => throw new ArgumentException($"unknown bundle type {bundle.GetType().Name}", nameof(bundle)),
    };

    private async Task<VerificationReport> VerifyFrameAsync(FrameProofBundle bundle, CancellationToken cancellationToken)
    {
        List<CheckResult> checks = [FrameBundleChecks.Frame(bundle), FrameBundleChecks.Inclusion(bundle)];
        if (secret is not null)
        {
            checks.Add(FrameBundleChecks.Mac(bundle, secret));
        }

        string subject = $"frame proof of {bundle.DeviceId} epoch {bundle.Epoch} sequence {bundle.Sequence}: leaf {bundle.LeafIndex} of a tree of {bundle.Checkpoint.TreeSize}, {Describe(bundle.Checkpoint.Anchor)}";
        var notes = new List<string>();
        if (secret is null)
        {
            notes.Add("MAC not checked (--secret-file F): only a holder of the device secret can check it");
        }

        await AddOnChainAsync(checks, notes, [(bundle.Checkpoint, string.Empty)], cancellationToken).ConfigureAwait(false);
        return new VerificationReport(subject, checks, notes);
    }

    private async Task<VerificationReport> VerifyConsistencyAsync(ConsistencyProofBundle bundle, CancellationToken cancellationToken)
    {
        List<CheckResult> checks = [ConsistencyBundleChecks.Consistency(bundle)];
        string subject = $"consistency proof from size {bundle.Old.TreeSize} ({Describe(bundle.Old.Anchor)}) to size {bundle.New.TreeSize} ({Describe(bundle.New.Anchor)})";
        var notes = new List<string>();
        await AddOnChainAsync(checks, notes, [(bundle.Old, "old"), (bundle.New, "new")], cancellationToken).ConfigureAwait(false);
        return new VerificationReport(subject, checks, notes);
    }

    private async Task AddOnChainAsync(List<CheckResult> checks, List<string> notes, (CheckpointRecord Checkpoint, string Label)[] checkpoints, CancellationToken cancellationToken)
    {
        if (chain is null)
        {
            notes.Add(checkpoints.Any(c => c.Checkpoint.Anchor is not null)
                ? "on-chain record not checked (--rpc URL): the anchor is the bundle's word until then"
                : "unanchored: this proves inclusion in the controller's log, not a checkpoint on chain");
            return;
        }

        foreach ((CheckpointRecord checkpoint, string label) in checkpoints)
        {
            checks.AddRange(await chain.CheckAsync(checkpoint, label, cancellationToken).ConfigureAwait(false));
        }
    }

    private static string Describe(AnchorRecord? anchor) => anchor is null
        ? "unanchored"
        : $"anchored on chain {anchor.ChainId} in contract {anchor.ContractAddress}, block {anchor.BlockNumber} ({anchor.BlockTimeUtc:yyyy-MM-dd'T'HH:mm:ss'Z'})" +
          (anchor.TransactionHash is { } tx ? $", transaction {tx}" : string.Empty);
}
