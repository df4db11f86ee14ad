namespace Millwright.Controller.Cli.Verification;

/// <summary>The parsed arguments of `millwright verify`.</summary>
internal sealed record VerifyArguments(string BundlePath)
{
    public const int DefaultConfirmations = 1;

    public Uri? RpcUrl { get; init; }

    public int Confirmations { get; init; } = DefaultConfirmations;

    public string? SecretFile { get; init; }

    public static VerifyArguments Parse(ReadOnlySpan<string> args)
    {
        string? bundle = null;
        Uri? rpc = null;
        int? confirmations = null;
        string? secretFile = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--rpc":
                    rpc = ReadUrl(OptionReader.ReadText(args, ref i, "a JSON-RPC endpoint URL (http or https)"));
                    break;
                case "--confirmations":
                    confirmations = OptionReader.ReadInt(args, ref i, 1, 1_000_000);
                    break;
                case "--secret-file":
                    secretFile = OptionReader.ReadText(args, ref i, "the device's secret file (64 hex digits or 32 bytes)");
                    break;
                case "--secret":
                    throw new UsageException("a secret is never taken from the command line (shell history, process list): use --secret-file F");
                case "-":
                case not null when !arg.StartsWith('-'):
                    bundle = bundle is null ? arg : throw new UsageException($"verify takes one bundle file; got '{bundle}' and '{arg}'");
                    break;
                default:
                    throw new UsageException($"verify does not take {arg}");
            }
        }

        if (bundle is null)
        {
            throw new UsageException("verify needs a bundle file (or - for standard input)");
        }

        if (confirmations is not null && rpc is null)
        {
            throw new UsageException("--confirmations is checked on chain: it needs --rpc URL");
        }

        return new VerifyArguments(bundle) { RpcUrl = rpc, Confirmations = confirmations ?? DefaultConfirmations, SecretFile = secretFile };
    }

    private static Uri ReadUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new UsageException($"--rpc takes an http or https URL, such as http://127.0.0.1:8545; got '{text}'");
}
