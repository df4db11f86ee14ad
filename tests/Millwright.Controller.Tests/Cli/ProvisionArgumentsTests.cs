using System.Text.RegularExpressions;
using Millwright.Controller.Cli;

namespace Millwright.Controller.Tests.Cli;

/// <summary>`millwright provision`'s options: no secret is accepted on the command line, and none is echoed back when tried.</summary>
public sealed partial class ProvisionArgumentsTests
{
    private const string Secret = "3f9c0a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccdd";

    private static readonly string[] Base = ["--port", "/dev/ttyUSB0", "--data-dir", "/tmp/x", "--device-id", "press-1", "--plant", "plant-a", "--broker", "plant-server"];

    private static (int Exit, string Error) Run(params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = ProvisionCommand.Run([.. Base, .. extra], output, error, new StringReader(string.Empty));
        return (exit, error.ToString() + output);
    }

    [Theory]
    [InlineData("--secret", Secret)]
    [InlineData("--secret=" + Secret)]
    [InlineData("--wifi-password", "correct horse battery")]
    [InlineData("--wifi-password=correct horse battery")]
    [InlineData("--token", "mwt_" + Secret)]
    [InlineData("--api-token=mwt_" + Secret)]
    [InlineData(Secret)]
    [InlineData("--secret-file=" + Secret)]
    public void A_secret_given_inline_is_refused_and_not_repeated(params string[] words)
    {
        (int exit, string text) = Run(words);

        Assert.Equal(2, exit);
        Assert.DoesNotContain(Secret, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("correct horse", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusing_an_inline_secret_names_the_safe_way()
    {
        Assert.Contains("use --secret-file F or --secret-stdin", Run("--secret", Secret).Error);
        Assert.Contains("--token-file F or the MILLWRIGHT_API_TOKEN", Run("--token=x").Error);
    }

    [Fact]
    public void No_option_in_the_usage_carries_a_secret_its_value()
    {
        string[] options = [.. OptionPattern().Matches(ProvisionCommand.Usage).Select(m => m.Value).Distinct()];

        Assert.Contains("--secret-file", options);
        Assert.All(
            options.Where(o => o.Contains("secret", StringComparison.Ordinal) || o.Contains("password", StringComparison.Ordinal) || o.Contains("token", StringComparison.Ordinal)),
            o => Assert.True(o.EndsWith("-file", StringComparison.Ordinal) || o.EndsWith("-stdin", StringComparison.Ordinal) || o == "--keep-secret", o));
    }

    [Theory]
    [InlineData("a forgotten password source", "--wifi-ssid", "Plant Floor")]
    [InlineData("a password with no network", "--wifi-password-file", "/tmp/w")]
    [InlineData("both baud sources", "--baud", "9600", "--board", "esp32-devkitc")]
    [InlineData("a broker port out of range", "--broker", "plant-server:99999")]
    [InlineData("a broker without a host", "--broker", ":1883")]
    [InlineData("bulk with a single node's id", "--bulk", "nodes.csv")]
    public void Contradictory_or_incomplete_options_are_usage_errors(string why, params string[] extra)
    {
        Assert.True(Run(extra).Exit == 2, why);
    }

    [GeneratedRegex("--[a-z][a-z-]+")]
    private static partial Regex OptionPattern();
}
