using Millwright.Controller.Cli.Devices;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Export;
using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Sqlite;

namespace Millwright.Controller.Cli.Proofs;

/// <summary>
/// `millwright proof …`: exports a proof bundle from the data directory directly (the database's Merkle log and the
/// anchoring service's files), like the `device` verbs; safe while the controller runs.
/// </summary>
internal static class ProofCommand
{
    internal const string Usage =
        """
        usage: millwright proof (--log-index N | --device ID --epoch E --seq S) [--unanchored] [common options]
               millwright proof consistency --from N [--to M] [common options]
        common options: [--data-dir D] [--chain-id C] [--out FILE]

          proof        a frame's proof bundle: the signed frame, its leaf index, the inclusion path and the earliest
                       anchored checkpoint that holds it (chain, contract, transaction, block). When no anchored
                       checkpoint covers the frame yet, it says so and exits 3; with --unanchored it proves the frame
                       against the current log head instead (the bundle has no anchor).
          consistency  a consistency proof from tree size N to M (default: the newest anchored checkpoint), with the
                       anchoring record of each size that is anchored.

        The bundle (JSON) goes to standard output, or to --out FILE. --data-dir defaults to $MILLWRIGHT_DATA_DIR or
        ./data; --chain-id is needed only when the data directory has anchored on several chains.
        Check a bundle with `millwright verify FILE` (docs/verification.md).
        """;

    /// <summary>Exit code when the frame or size is not anchored yet: try again later (or use --unanchored).</summary>
    internal const int NotYetAnchoredExitCode = 3;

    public static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error) => Run(args, output, error, OpenDatabaseAsync);

    /// <param name="openLog">Opens the Merkle log of a data directory (tests pass a fake); disposed after use when disposable.</param>
    internal static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error, Func<string, CancellationToken, Task<IMerkleLogStore>> openLog)
    {
        if (args is ["help" or "--help" or "-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }

        ProofArguments parsed;
        try
        {
            parsed = ProofArguments.Parse(args);
        }
        catch (UsageException e)
        {
            error.WriteLine($"millwright proof: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }

        try
        {
            return RunAsync(parsed, output, openLog, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ProofUnavailableException e)
        {
            error.WriteLine($"millwright proof: {e.Message}");
            return e.Reason == ProofUnavailableReason.NotYetAnchored ? NotYetAnchoredExitCode : 1;
        }
        catch (Exception e) when (e is FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"millwright proof: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(ProofArguments args, TextWriter output, Func<string, CancellationToken, Task<IMerkleLogStore>> openLog, CancellationToken cancellationToken)
    {
        string dataDirectory = DataDirectoryResolver.Resolve(args.DataDirectory, Environment.GetEnvironmentVariable);
        IMerkleLogStore log = await openLog(dataDirectory, cancellationToken).ConfigureAwait(false);
        try
        {
            var builder = new ProofBundleBuilder(log, new AnchorStateFiles(AnchorStateFiles.FolderOf(dataDirectory), args.ChainId));
            IProofBundle bundle = await BuildAsync(builder, args, cancellationToken).ConfigureAwait(false);
            string json = ProofBundleJson.Serialize(bundle);
            if (args.OutputFile is { } file)
            {
                await File.WriteAllTextAsync(file, json + "\n", cancellationToken).ConfigureAwait(false);
                output.WriteLine($"wrote {Describe(bundle)} to {file}");
            }
            else
            {
                output.WriteLine(json);
            }

            return 0;
        }
        finally
        {
            if (log is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static Task<IProofBundle> BuildAsync(ProofBundleBuilder builder, ProofArguments args, CancellationToken cancellationToken) => args switch
    {
        { Consistency: true } => Cast(builder.ConsistencyAsync(args.From!.Value, args.To, cancellationToken)),
        { LogIndex: { } index } => Cast(builder.ForLogIndexAsync(index, args.AllowUnanchored, cancellationToken)),
        _ => Cast(builder.ForDeviceFrameAsync(args.DeviceId!, args.Epoch!.Value, args.Sequence!.Value, args.AllowUnanchored, cancellationToken)),
    };

    private static async Task<IProofBundle> Cast<T>(Task<T> task)
        where T : IProofBundle => await task.ConfigureAwait(false);

    private static string Describe(IProofBundle bundle) => bundle switch
    {
        FrameProofBundle frame => $"the proof of {frame.DeviceId} epoch {frame.Epoch} sequence {frame.Sequence} (leaf {frame.LeafIndex}, tree of {frame.Checkpoint.TreeSize}, " +
            (frame.Checkpoint.Anchor is { } anchor ? $"anchored in block {anchor.BlockNumber})" : "UNANCHORED)"),
        ConsistencyProofBundle consistency => $"the consistency proof from size {consistency.Old.TreeSize} to {consistency.New.TreeSize}",
        _ => "the bundle",
    };

    private static async Task<IMerkleLogStore> OpenDatabaseAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        // No background settling in a short-lived tool: the controller settles staged readings.
        var options = new SqliteStoreOptions(dataDirectory) { ReadingSettleCycle = TimeSpan.Zero };
        if (!File.Exists(options.DatabasePath))
        {
            throw new FileNotFoundException($"no database in {dataDirectory} (start the controller there, or pass --data-dir)");
        }

        return await SqliteControllerStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
    }
}
