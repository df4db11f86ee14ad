using Microsoft.Extensions.Options;
using Millwright.Controller.Hosting;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Hosting;

public sealed class ControllerHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Invalid_command_line_options_stop_the_start_with_every_message_naming_its_key()
    {
        var e = Assert.Throws<OptionsValidationException>(() => ControllerHost.Build(
            ["--data-dir", Path.GetTempPath(), "--mqtt-port", "0", "--Millwright:Ingest:BatchSize=0", "--plant", "Plant A", "--Logging:LogLevel:Default=None"],
            TextWriter.Null));

        Assert.Contains(e.Failures, f => f.StartsWith("Millwright:Mqtt:Port must be 1-65535", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Millwright:Ingest:BatchSize must be 1-10000", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Millwright:PlantId must be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_reads_environment_variables_and_exits_2_naming_the_key()
    {
        using ControllerProcess process = ControllerProcess.Start(
            ["--data-dir", Path.Combine(Path.GetTempPath(), "mw-test-" + Guid.NewGuid().ToString("N"))],
            new Dictionary<string, string> { ["MILLWRIGHT__MQTT__PORT"] = "70000", ["MILLWRIGHT__API__URLS"] = "ftp://nowhere" });

        int exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("Millwright:Mqtt:Port must be 1-65535 (is 70000)", process.Error, StringComparison.Ordinal);
        Assert.Contains("Millwright:Api:Urls: 'ftp://nowhere' is not an http:// or https:// address", process.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_prints_the_token_once_then_runs_until_stopped()
    {
        string dataDirectory = Path.Combine(Path.GetTempPath(), "mw-test-" + Guid.NewGuid().ToString("N"));
        string[] arguments = ["--data-dir", dataDirectory, "--urls", $"http://127.0.0.1:{FreePort.Get()}", "--mqtt-bind", "127.0.0.1", "--mqtt-port", FreePort.Get().ToString(System.Globalization.CultureInfo.InvariantCulture)];
        try
        {
            using (ControllerProcess first = ControllerProcess.Start(arguments))
            {
                await Eventually.TrueAsync(() => first.Output.Contains("running (Ctrl+C stops it)", StringComparison.Ordinal) || first.HasExited, "the first start", TimeSpan.FromSeconds(60));
                Assert.Contains("the API bearer token is shown ONLY NOW", first.Output, StringComparison.Ordinal);
                first.Kill();
            }

            using ControllerProcess second = ControllerProcess.Start(arguments);
            await Eventually.TrueAsync(() => second.Output.Contains("running (Ctrl+C stops it)", StringComparison.Ordinal) || second.HasExited, "the second start", TimeSpan.FromSeconds(60));
            Assert.DoesNotContain("mwt_", second.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
