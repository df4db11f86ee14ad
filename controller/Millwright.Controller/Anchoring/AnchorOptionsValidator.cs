using System.Globalization;
using Microsoft.Extensions.Options;
using Millwright.Controller.Configuration;

namespace Millwright.Controller.Anchoring;

/// <summary>Checks <see cref="AnchorOptions"/> at start; every message names its key.</summary>
internal sealed class AnchorOptionsValidator : IValidateOptions<AnchorOptions>
{
    private const string Key = AnchorOptions.Section;

    public ValidateOptionsResult Validate(string? name, AnchorOptions options)
    {
        var checks = new OptionChecks();
        if (!options.Enabled)
        {
            return checks.Result();
        }

        CheckEndpoint(checks, options);
        checks.Range($"{Key}:ChainId", options.ChainId, 1, long.MaxValue);
        checks.Range($"{Key}:Confirmations", options.Confirmations, 1, 1000);
        checks.Range($"{Key}:MinFrames", options.MinFrames, 1, 1_000_000_000);
        checks.Duration($"{Key}:MaxInterval", options.MaxInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
        checks.Duration($"{Key}:PollInterval", options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(5));
        checks.Duration($"{Key}:StuckAfter", options.StuckAfter, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        checks.Duration($"{Key}:FailureBackoff", options.FailureBackoff, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        checks.Duration($"{Key}:RpcTimeout", options.RpcTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        checks.Duration($"{Key}:AnvilStateInterval", options.AnvilStateInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        checks.Range($"{Key}:FinalityDepth", options.FinalityDepth, Math.Max(1, options.Confirmations), 1_000_000, "at least Confirmations");
        if (options.GasLimit != 0)
        {
            checks.Range($"{Key}:GasLimit", options.GasLimit, 30_000, 30_000_000, "or 0 to estimate");
        }

        if (options.FeeBumpPercent is < 12.5 or > 200 || double.IsNaN(options.FeeBumpPercent))
        {
            checks.Fail(string.Create(CultureInfo.InvariantCulture, $"{Key}:FeeBumpPercent must be 12.5-200 (is {options.FeeBumpPercent})"));
        }

        if (options.MaxFeePerGasGwei is <= 0 or > 1_000_000)
        {
            checks.Fail(string.Create(CultureInfo.InvariantCulture, $"{Key}:MaxFeePerGasGwei must be above 0 and at most 1000000 (is {options.MaxFeePerGasGwei})"));
        }

        if (options.ContractAddress.Length > 0 && !IsAddress(options.ContractAddress))
        {
            checks.Fail($"{Key}:ContractAddress must be 0x and 40 hex digits, or empty to deploy (is '{options.ContractAddress}')");
        }

        CheckFile(checks, $"{Key}:PasswordFile", options.PasswordFile);
        CheckFile(checks, $"{Key}:AnvilPath", options.AnvilPath);
        if (options.ContractsDirectory.Length > 0 && !Directory.Exists(options.ContractsDirectory))
        {
            checks.Fail($"{Key}:ContractsDirectory names a folder that does not exist: '{options.ContractsDirectory}'");
        }

        return checks.Result();
    }

    private static void CheckEndpoint(OptionChecks checks, AnchorOptions options)
    {
        if (options.UsesLocalAnvil)
        {
            return;
        }

        if (!Uri.TryCreate(options.RpcUrl, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            checks.Fail($"{Key}:RpcUrl must be an http or https URL, or empty for the local Anvil chain (is '{options.RpcUrl}')");
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AnchorOptions.PasswordVariable)) && options.PasswordFile.Length == 0)
        {
            checks.Fail($"{Key}:PasswordFile must name the keystore password file, or {AnchorOptions.PasswordVariable} be set, when {Key}:RpcUrl is set");
        }
    }

    private static void CheckFile(OptionChecks checks, string key, string path)
    {
        if (path.Length > 0 && !File.Exists(path))
        {
            checks.Fail($"{key} names a file that does not exist: '{path}'");
        }
    }

    internal static bool IsAddress(string value) =>
        value.Length == 42 && value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && value.AsSpan(2).ContainsAnyExcept(HexDigits) == false;

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
