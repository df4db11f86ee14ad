using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Storage;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Cli.Verification;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Export;
using Millwright.Controller.Proofs.Verification;

namespace Millwright.Controller.Demo;

/// <summary>
/// The demo's anchoring part: waits until the whole frame log is anchored on the controller's local Anvil chain, then
/// prints the checkpoints, exports one stored frame's proof bundle and verifies it against the contract, as an auditor
/// would with `millwright proof` and `millwright verify`.
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
        IMerkleLogStore log, AnchorStatus status, AnchorChainConnection chain, string dataDirectory, TimeSpan wait, TextWriter output,
        CancellationToken cancellationToken)
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

        return await ProveOneFrameAsync(log, chain, state, dataDirectory, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> ProveOneFrameAsync(
        IMerkleLogStore log, AnchorChainConnection chain, AnchorState state, string dataDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        long logIndex = state.LatestAnchored!.Checkpoint.Size / 2 + 1;
        var builder = new ProofBundleBuilder(log, new AnchorStateFiles(AnchorStateFiles.FolderOf(dataDirectory), state.ChainId));
        FrameProofBundle bundle = await builder.ForLogIndexAsync(logIndex, allowUnanchored: false, cancellationToken).ConfigureAwait(false);
        string file = Path.Combine(Path.GetDirectoryName(dataDirectory)!, $"proof-{logIndex}.json");
        await File.WriteAllTextAsync(file, ProofBundleJson.Serialize(bundle), cancellationToken).ConfigureAwait(false);

        AnchorSession session = await chain.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var onChain = new OnChainAnchorChecks(RpcAnchorContractReader.Connect(session.Anvil!.RpcUrl, TimeSpan.FromSeconds(10)), requiredConfirmations: 1);
        VerificationReport report = await new BundleVerifier(onChain, secret: null).VerifyAsync(bundle, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"  proof bundle of log index {logIndex} written to {file}; `millwright verify` against the chain:");
        using var printed = new StringWriter();
        VerificationPrinter.Print(report, printed);
        foreach (string line in printed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            output.WriteLine("    " + line.TrimEnd());
        }

        output.WriteLine($"  check it yourself (offline): dotnet run --project controller/Millwright.Controller -- verify {file}");
        return report.AllPassed;
    }
}
