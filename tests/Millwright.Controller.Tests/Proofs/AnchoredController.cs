using Microsoft.Extensions.DependencyInjection;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Tests.Anchoring;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Proofs;

/// <summary>
/// A whole controller as `serve` runs it, anchoring on its own Anvil chain after every frame, with one registered
/// device publishing over real MQTT: what proof export and `verify --rpc` are tested against.
/// </summary>
internal sealed class AnchoredController : IAsyncDisposable
{
    private AnchoredController(RunningController controller, TestDevice press, Uri chainUrl)
    {
        Controller = controller;
        Press = press;
        ChainUrl = chainUrl;
        Cheats = new AnvilCheats(chainUrl);
    }

    public RunningController Controller { get; }

    public TestDevice Press { get; }

    public Uri ChainUrl { get; }

    public AnvilCheats Cheats { get; }

    public AnchorStatus Status => Controller.Services.GetRequiredService<AnchorStatus>();

    public static async Task<AnchoredController> StartAsync()
    {
        await AnvilAvailability.RequireAsync();
        RunningController controller = await RunningController.StartAsync(
            "--Millwright:Anchoring:Enabled=true",
            "--Millwright:Anchoring:MinFrames=1",
            "--Millwright:Anchoring:PollInterval=00:00:00.200");
        var press = new TestDevice(RunningController.Plant, "press-01");
        await controller.AddAsync(press);
        AnchorSession session = await controller.Services.GetRequiredService<AnchorChainConnection>().ConnectAsync(TestContext.Current.CancellationToken);
        return new AnchoredController(controller, press, session.Anvil!.RpcUrl);
    }

    /// <summary>Publishes frames <paramref name="first"/>..<paramref name="last"/> and waits until all are acked (stored).</summary>
    public async Task PublishAsync(long first, long last)
    {
        await using DeviceConnection connection = await DeviceConnection.ConnectAsync(Press, Controller.MqttPort);
        for (long seq = first; seq <= last; seq++)
        {
            await connection.PublishFrameAsync(seq, DateTimeOffset.UtcNow);
        }

        await connection.WaitForAckAsync((ulong)last);
    }

    public Task WaitAnchoredAsync(long size) =>
        Eventually.TrueAsync(() => Status.Current?.LatestAnchored?.Checkpoint.Size == size && Status.Current.Queue.Count == 0,
            $"the log of {size} frames anchored", TimeSpan.FromSeconds(120));

    public ValueTask DisposeAsync() => Controller.DisposeAsync();
}
