using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Storage;
using Millwright.Protocol.Merkle;

namespace Millwright.Controller.Demo;

/// <summary>
/// The demo's anchoring part: waits until the whole frame log is anchored on the controller's local Anvil chain, then
/// prints the checkpoints and proves one stored frame against the root the contract holds, the way an auditor would.
/// </summary>
internal static class DemoAnchoring
{
    /// <summary>Settings the demo gives the controller so that checkpoints appear within its short run.</summary>
    internal static readonly string[] ControllerArguments =
    [
        "--Millwright:Anchoring:MaxInterval=00:00:05",
        "--Millwright:Anchoring:PollInterval=00:00:00.500",
    ];

    /// <returns>True when every stored frame is covered by an anchored checkpoint and the sample proof verified.</returns>
    internal static async Task<bool> WriteAsync(
        IMerkleLogStore log, AnchorStatus status, AnchorChainConnection chain, TimeSpan wait, TextWriter output, CancellationToken cancellationToken)
    {
        long size = await log.GetLogSizeAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine();
        if (size == 0)
        {
            output.WriteLine("anchoring: the log is empty, nothing to anchor");
            return false;
        }

        output.WriteLine($"anchoring: waiting for a checkpoint covering all {size} frame(s) (at most {wait.TotalSeconds:0} s)");
        output.Flush();
        var deadline = DateTimeOffset.UtcNow + wait;
        while (status.Current?.LatestAnchored?.Checkpoint.Size != size && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        AnchorState? state = status.Current;
        AnchoredCheckpoint? latest = state?.LatestAnchored;
        if (state is null || latest is null || latest.Checkpoint.Size != size)
        {
            string why = status.UnavailableReason ?? state?.LastFailure?.Reason ?? "no checkpoint was confirmed in time";
            output.WriteLine($"  not anchored: {why}");
            return false;
        }

        IReadOnlyList<AnchoredCheckpoint> anchored = [.. state.Watched];
        output.WriteLine($"  chain {state.ChainId} (local Anvil), contract {state.ContractAddress}: {anchored.Count} checkpoint(s) this run");
        foreach (AnchoredCheckpoint checkpoint in anchored.TakeLast(5))
        {
            output.WriteLine($"    size {checkpoint.Checkpoint.Size,6}  root {checkpoint.Checkpoint.Root}  block {checkpoint.BlockNumber}  tx {checkpoint.TransactionHash ?? "-"}  gas {checkpoint.GasUsed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
        }

        return await ProveOneFrameAsync(log, chain, latest.Checkpoint, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> ProveOneFrameAsync(
        IMerkleLogStore log, AnchorChainConnection chain, LogCheckpoint checkpoint, TextWriter output, CancellationToken cancellationToken)
    {
        long leaf = checkpoint.Size / 2;
        var frame = await log.GetFrameAsync(leaf + 1, cancellationToken).ConfigureAwait(false);
        byte[][] path = [.. await log.GetInclusionProofAsync(leaf, checkpoint.Size, cancellationToken).ConfigureAwait(false)];
        AnchorSession session = await chain.ConnectAsync(cancellationToken).ConfigureAwait(false);
        LogCheckpoint? onChain = (await session.Chain.GetCheckpointAsync(checkpoint.Size, cancellationToken).ConfigureAwait(false))?.Checkpoint;
        bool proven = frame is not null && onChain is not null &&
            new InclusionProofVerifier().VerifyInclusion(leaf, checkpoint.Size, new MerkleHasher().HashLeaf(frame.RawMessage), path, onChain.RootBytes());
        output.WriteLine(proven
            ? $"  proof: frame {frame!.DeviceId} sequence {frame.Sequence} (leaf {leaf}) is in the log of {checkpoint.Size}, whose root the contract holds ({path.Length} hashes in the path)"
            : $"  proof: FAILED for leaf {leaf} against the root on chain at size {checkpoint.Size}");
        return proven;
    }
}
