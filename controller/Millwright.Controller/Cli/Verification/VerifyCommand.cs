using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Devices;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Verification;

namespace Millwright.Controller.Cli.Verification;

/// <summary>
/// `millwright verify BUNDLE`: the auditor's check of a proof bundle. Reads nothing but the bundle, the secret file
/// when given and the chain endpoint when given: no database, no controller.
/// </summary>
internal static class VerifyCommand
{
    internal const string Usage =
        """
        usage: millwright verify BUNDLE [--rpc URL [--confirmations N]] [--secret-file F]

        Checks a proof bundle (from `millwright proof` or GET /api/proofs/...) without the controller or its database.
        BUNDLE is a file, or - for standard input. Checks, each printed as one line PASS or FAIL with the reason:
          frame          the signed frame reads as a Millwright frame of the device and sequence the bundle claims
          inclusion      SHA-256(0x00 || frame) and the inclusion path lead to the bundle's root (RFC 9162)
          consistency    (consistency bundles) the old tree is a prefix of the new one (RFC 9162)
          mac            with --secret-file F (the device secret as the registry issued it: 64 hex digits or
                         32 bytes): the frame's HMAC-SHA-256 tag under the key derived from it
          chain-id, on-chain-root, block, confirmations
                         with --rpc URL: the endpoint serves the bundle's chain; the contract's checkpoint(size)
                         returns the bundle's root, recorded in the bundle's block; that block is at least N deep
                         (--confirmations N, default 1)
        Exit 0 when every check passed, 1 when one failed, 2 on a usage mistake. See docs/verification.md.
        """;

    private static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(20);

    public static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error, Func<TextReader> standardInput) =>
        Run(args, output, error, standardInput, url => RpcAnchorContractReader.Connect(url, RpcTimeout));

    /// <param name="connect">Opens the chain endpoint of --rpc (tests pass a fake).</param>
    public static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error, Func<TextReader> standardInput, Func<Uri, IAnchorContractReader> connect)
    {
        if (args is ["help" or "--help" or "-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }

        VerifyArguments parsed;
        string json;
        byte[]? secret;
        try
        {
            parsed = VerifyArguments.Parse(args);
            json = ReadBundle(parsed.BundlePath, standardInput);
            secret = ReadSecret(parsed.SecretFile);
        }
        catch (UsageException e)
        {
            error.WriteLine($"millwright verify: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }

        IProofBundle bundle;
        try
        {
            bundle = ProofBundleJson.Parse(json);
        }
        catch (ProofBundleFormatException e)
        {
            output.WriteLine(CheckResult.Fail("format", e.Message));
            output.WriteLine("verify: FAILED: the bundle could not be read, nothing else was checked");
            return 1;
        }

        if (secret is not null && bundle is not FrameProofBundle)
        {
            error.WriteLine("millwright verify: --secret-file checks a frame's MAC; a consistency bundle holds no frame");
            return 2;
        }

        OnChainAnchorChecks? chain = parsed.RpcUrl is { } url ? new OnChainAnchorChecks(connect(url), parsed.Confirmations) : null;
        VerificationReport report = new BundleVerifier(chain, secret).VerifyAsync(bundle, CancellationToken.None).GetAwaiter().GetResult();
        VerificationPrinter.Print(report, output);
        return report.AllPassed ? 0 : 1;
    }

    private static string ReadBundle(string path, Func<TextReader> standardInput)
    {
        if (path == "-")
        {
            return standardInput().ReadToEnd();
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the bundle '{path}': {e.Message}");
        }
    }

    private static byte[]? ReadSecret(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return DeviceSecret.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the secret file '{path}': {e.Message}");
        }
        catch (DeviceRegistryException e)
        {
            throw new UsageException($"--secret-file '{path}': {e.Message}");
        }
    }
}
