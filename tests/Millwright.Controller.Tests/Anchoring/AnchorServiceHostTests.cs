using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Anvil;
using Millwright.Controller.Anchoring.Keys;
using Millwright.Controller.Configuration;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>
/// The registered service as the host runs it, with nothing configured: it installs and starts the local Anvil in
/// the data directory, creates the keystore with a generated password, deploys the contract once, anchors, and after a
/// restart finds the same chain, contract and account.
/// </summary>
[Collection(AnvilTestGroup.Name)]
public sealed class AnchorServiceHostTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "millwright-anchor-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task With_no_endpoint_configured_the_service_runs_its_own_chain_and_keeps_it_across_a_restart()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AnchorOptions.PasswordVariable)))
        {
            Assert.Skip($"{AnchorOptions.PasswordVariable} is set in this environment; this test covers the generated password");
        }

        await AnvilAvailability.RequireAsync();
        var log = new TestLogHead();
        log.Grow(10);
        AnchorStatus first = await RunUntilAnchoredAsync(log, 10);
        log.Grow(25);
        AnchorStatus second = await RunUntilAnchoredAsync(log, 25);

        Assert.Equal(first.Current!.ContractAddress, second.Current!.ContractAddress);
        Assert.Equal([10L, 25L], second.Current.Watched.Select(anchored => anchored.Checkpoint.Size));
        Assert.True(second.Current.Watched[1].BlockNumber > second.Current.Watched[0].BlockNumber);
        Assert.Equal(2, second.Current.Counters.Submitted);
        Assert.True(File.Exists(Path.Combine(_data, "chain", AnvilNode.StateFileName)));
        Assert.True(File.Exists(Path.Combine(_data, "anchoring", AnchorPassword.GeneratedFileName)));
        Assert.True(File.Exists(Path.Combine(_data, "anchoring", "anchor-keystore.json")));
        Assert.False(File.Exists(Path.Combine(_data, "chain", "anvil.pid"))); // stopped cleanly
    }

    [Fact]
    public async Task The_service_restarts_a_local_Anvil_that_died_and_goes_on_anchoring()
    {
        await AnvilAvailability.RequireAsync();
        var log = new TestLogHead();
        log.Grow(4);
        await using ServiceProvider provider = BuildServices(log, "correct horse battery staple");
        IHostedService service = Assert.Single(provider.GetServices<IHostedService>());
        AnchorStatus status = provider.GetRequiredService<AnchorStatus>();
        await service.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await Eventually.TrueAsync(() => status.Current?.Watched.Count == 1, "size 4 anchored", TimeSpan.FromSeconds(90));
            AnchorSession session = await provider.GetRequiredService<AnchorChainConnection>().ConnectAsync(TestContext.Current.CancellationToken);

            await session.Anvil!.KillAbruptlyAsync();
            log.Grow(9);

            await Eventually.TrueAsync(() => status.Current?.Watched.Any(anchored => anchored.Checkpoint.Size == 9) == true,
                "size 9 anchored after Anvil was restarted", TimeSpan.FromSeconds(90));
            Assert.True(session.Anvil.IsRunning);
            Assert.Equal([4L, 9L], status.Current!.Watched.Select(anchored => anchored.Checkpoint.Size));
        }
        finally
        {
            await service.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    private ServiceProvider BuildServices(TestLogHead log, string? password = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Millwright:DataDirectory"] = _data,
            ["Millwright:Anchoring:PollInterval"] = "00:00:00.100",
            ["Millwright:Anchoring:MinFrames"] = "1",
        };
        if (password is not null)
        {
            Directory.CreateDirectory(_data);
            string passwordFile = Path.Combine(_data, "password");
            File.WriteAllText(passwordFile, password);
            settings["Millwright:Anchoring:PasswordFile"] = passwordFile;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new TestOutputLoggerProvider()));
        services.AddOptions<ControllerOptions>().Bind(configuration.GetSection(ControllerOptions.Section));
        services.AddSingleton<IMerkleLogHead>(log);
        services.AddAnchoring(configuration);
        return services.BuildServiceProvider();
    }

    private async Task<AnchorStatus> RunUntilAnchoredAsync(TestLogHead log, long size)
    {
        await using ServiceProvider provider = BuildServices(log);
        IHostedService service = Assert.Single(provider.GetServices<IHostedService>());
        AnchorStatus status = provider.GetRequiredService<AnchorStatus>();

        await service.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await Eventually.TrueAsync(() => status.Current?.Watched.Any(anchored => anchored.Checkpoint.Size == size) == true,
                $"size {size} anchored by the hosted service", TimeSpan.FromSeconds(90));
        }
        finally
        {
            await service.StopAsync(TestContext.Current.CancellationToken);
        }

        return status;
    }
}
