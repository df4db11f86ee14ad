using System.Globalization;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Proofs.Bundles;

namespace Millwright.Controller.Proofs.Verification;

/// <summary>
/// Checks a bundle's anchor record against the chain itself: the endpoint serves the bundle's chain, the contract's
/// checkpoint(size) holds the bundle's root, recorded in the bundle's block (and block hash, when known), and that
/// block is at least <paramref name="requiredConfirmations"/> deep. The first check that cannot pass ends the run.
/// </summary>
internal sealed class OnChainAnchorChecks(IAnchorContractReader chain, int requiredConfirmations)
{
    private long? _chainId;
    private bool _chainIdReported;

    /// <param name="label">"" for a frame bundle's checkpoint; "old" or "new" for a consistency bundle's.</param>
    public async Task<IReadOnlyList<CheckResult>> CheckAsync(CheckpointRecord checkpoint, string label, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        AnchorRecord? anchor = checkpoint.Anchor;
        if (anchor is null)
        {
            results.Add(CheckResult.Fail(CheckNames.For(label, CheckNames.Anchor),
                $"the checkpoint of size {checkpoint.TreeSize} is not anchored in this bundle: there is no on-chain record to check (export the bundle again once it is anchored)"));
            return results;
        }

        string current = CheckNames.ChainId;
        try
        {
            CheckResult chainId = await CheckChainIdAsync(anchor, cancellationToken).ConfigureAwait(false);
            if (!chainId.Passed)
            {
                results.Add(chainId);
                return results;
            }

            if (!_chainIdReported)
            {
                results.Add(chainId); // a consistency bundle's two anchors are on one endpoint: one line says so
                _chainIdReported = true;
            }

            current = CheckNames.For(label, CheckNames.OnChainRoot);
            ChainCheckpoint? onChain = await chain.GetCheckpointAsync(anchor.ContractAddress, checkpoint.TreeSize, cancellationToken).ConfigureAwait(false);
            CheckResult root = Root(current, checkpoint, anchor, onChain);
            results.Add(root);
            if (!root.Passed || onChain is null)
            {
                return results;
            }

            current = CheckNames.For(label, CheckNames.Block);
            CheckResult block = await CheckBlockAsync(current, anchor, onChain, cancellationToken).ConfigureAwait(false);
            results.Add(block);
            current = CheckNames.For(label, CheckNames.Confirmations);
            results.Add(await CheckConfirmationsAsync(current, onChain, cancellationToken).ConfigureAwait(false));
        }
        catch (AnchorContractMissingException)
        {
            results.Add(CheckResult.Fail(current, $"there is no anchor contract at {anchor.ContractAddress} on chain {anchor.ChainId} (a wrong address, or a chain that was reset)"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            results.Add(CheckResult.Fail(current, $"the chain could not be asked: {e.Message}"));
        }

        return results;
    }

    private async Task<CheckResult> CheckChainIdAsync(AnchorRecord anchor, CancellationToken cancellationToken)
    {
        _chainId ??= await chain.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        return _chainId == anchor.ChainId
            ? CheckResult.Pass(CheckNames.ChainId, $"the endpoint serves chain {_chainId}")
            : CheckResult.Fail(CheckNames.ChainId, $"the endpoint serves chain {_chainId}, the bundle was anchored on chain {anchor.ChainId}: use an endpoint of that chain");
    }

    private static CheckResult Root(string name, CheckpointRecord checkpoint, AnchorRecord anchor, ChainCheckpoint? onChain)
    {
        string claimed = "0x" + Convert.ToHexStringLower(checkpoint.Root);
        if (onChain is null)
        {
            return CheckResult.Fail(name, $"the contract at {anchor.ContractAddress} holds no checkpoint of size {checkpoint.TreeSize}: it was never anchored there, or a reorganisation removed it");
        }

        return onChain.Checkpoint.Root == claimed
            ? CheckResult.Pass(name, $"checkpoint({checkpoint.TreeSize}) at {anchor.ContractAddress} returns root {claimed}, recorded at {Time(onChain.BlockTime)}")
            : CheckResult.Fail(name, $"checkpoint({checkpoint.TreeSize}) at {anchor.ContractAddress} returns root {onChain.Checkpoint.Root}, the bundle claims {claimed}");
    }

    private async Task<CheckResult> CheckBlockAsync(string name, AnchorRecord anchor, ChainCheckpoint onChain, CancellationToken cancellationToken)
    {
        if (onChain.BlockNumber != anchor.BlockNumber)
        {
            return CheckResult.Fail(name, $"the contract says block {onChain.BlockNumber} recorded the checkpoint, the bundle says block {anchor.BlockNumber}: a reorganisation moved it (export the bundle again)");
        }

        if (anchor.BlockHash is null)
        {
            return CheckResult.Pass(name, $"recorded in block {onChain.BlockNumber} (the bundle has no block hash to compare)");
        }

        string? hash = await chain.GetBlockHashAsync(onChain.BlockNumber, cancellationToken).ConfigureAwait(false);
        return string.Equals(hash, anchor.BlockHash, StringComparison.OrdinalIgnoreCase)
            ? CheckResult.Pass(name, $"recorded in block {onChain.BlockNumber}, hash {anchor.BlockHash}")
            : CheckResult.Fail(name, $"block {onChain.BlockNumber} is now {hash ?? "missing"}, the bundle says {anchor.BlockHash}: the block was reorganised (export the bundle again)");
    }

    private async Task<CheckResult> CheckConfirmationsAsync(string name, ChainCheckpoint onChain, CancellationToken cancellationToken)
    {
        long latest = await chain.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        long confirmations = latest - onChain.BlockNumber + 1;
        return confirmations >= requiredConfirmations
            ? CheckResult.Pass(name, $"{Confirmations(confirmations)} (latest block {latest}; at least {requiredConfirmations} required)")
            : CheckResult.Fail(name, $"{Confirmations(confirmations)} (latest block {latest}), {requiredConfirmations} required: the anchor could still be reorganised away; verify again later");
    }

    private static string Confirmations(long count) => count == 1 ? "1 confirmation" : $"{count} confirmations";

    private static string Time(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
