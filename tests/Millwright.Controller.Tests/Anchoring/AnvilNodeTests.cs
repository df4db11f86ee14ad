using Microsoft.Extensions.Logging.Abstractions;
using Millwright.Controller.Anchoring.Anvil;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>The local chain's persistence: saved atomically while running, and an Anvil orphaned by a killed controller adopted.</summary>
[Collection(AnvilTestGroup.Name)]
public sealed class AnvilNodeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "millwright-anvil-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task New_blocks_are_saved_while_running_and_a_restart_continues_the_chain()
    {
        string executable = await AnvilAvailability.RequireAsync();
        var node = new AnvilNode(executable, _folder, 31337, TimeSpan.FromMilliseconds(100), NullLogger.Instance);
        await node.StartAsync(TestContext.Current.CancellationToken);
        await new AnvilCheats(node.RpcUrl).MineAsync(5);
        await Infrastructure.Eventually.TrueAsync(() => File.Exists(node.StateFile) && File.ReadAllText(node.StateFile).Contains("\"best_block_number\":5,", StringComparison.Ordinal),
            "block 5 saved by the running node");

        await node.KillAbruptlyAsync(); // no save on the way down
        await node.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(5, await new AnvilCheats(node.RpcUrl).BlockNumberAsync());
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
        await node.DisposeAsync();
    }

    [Fact]
    public async Task An_Anvil_left_running_by_a_killed_controller_is_saved_from_and_replaced()
    {
        string executable = await AnvilAvailability.RequireAsync();
        var orphaned = new AnvilNode(executable, _folder, 31337, TimeSpan.FromHours(1), NullLogger.Instance);
        await orphaned.StartAsync(TestContext.Current.CancellationToken);
        await new AnvilCheats(orphaned.RpcUrl).MineAsync(7); // never saved by its (now "dead") controller

        await using var successor = new AnvilNode(executable, _folder, 31337, TimeSpan.FromHours(1), NullLogger.Instance);
        await successor.StartAsync(TestContext.Current.CancellationToken);

        Assert.False(orphaned.IsRunning);
        Assert.Equal(7, await new AnvilCheats(successor.RpcUrl).BlockNumberAsync());
        await orphaned.DisposeAsync();
    }
}
