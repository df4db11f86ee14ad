using Millwright.Controller.Anchoring;

namespace Millwright.Controller.Tests.Anchoring;

public sealed class AnchorOptionsValidatorTests
{
    private static IEnumerable<string> Failures(AnchorOptions options) =>
        new AnchorOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_defaults_are_valid_for_the_local_Anvil_chain()
    {
        Assert.Empty(Failures(new AnchorOptions()));
    }

    [Fact]
    public void Every_failure_names_its_key()
    {
        var options = new AnchorOptions
        {
            RpcUrl = "ftp://chain",
            ChainId = 0,
            Confirmations = 0,
            MinFrames = 0,
            MaxInterval = TimeSpan.Zero,
            PollInterval = TimeSpan.Zero,
            StuckAfter = TimeSpan.Zero,
            FeeBumpPercent = 10,
            MaxFeePerGasGwei = 0,
            GasLimit = 1000,
            FinalityDepth = 0,
            ContractAddress = "0x1234",
            PasswordFile = "/nonexistent/password",
            AnvilPath = "/nonexistent/anvil",
            ContractsDirectory = "/nonexistent/contracts",
        };

        List<string> failures = Failures(options).ToList();

        foreach (string key in new[] { "RpcUrl", "ChainId", "Confirmations", "MinFrames", "MaxInterval", "PollInterval", "StuckAfter", "FeeBumpPercent",
                     "MaxFeePerGasGwei", "GasLimit", "FinalityDepth", "ContractAddress", "PasswordFile", "AnvilPath", "ContractsDirectory" })
        {
            Assert.Contains(failures, failure => failure.StartsWith($"Millwright:Anchoring:{key} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_configured_chain_needs_a_password_source()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AnchorOptions.PasswordVariable)))
        {
            return; // the environment already supplies one
        }

        string failure = Assert.Single(Failures(new AnchorOptions { RpcUrl = "https://rpc.example" }));
        Assert.Contains("Millwright:Anchoring:PasswordFile", failure, StringComparison.Ordinal);
        Assert.Contains(AnchorOptions.PasswordVariable, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_anchoring_is_not_checked()
    {
        Assert.Empty(Failures(new AnchorOptions { Enabled = false, ChainId = 0 }));
    }
}
