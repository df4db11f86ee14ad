using Microsoft.Extensions.DependencyInjection;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Tests.Infrastructure;
using Millwright.Protocol.Merkle;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>
/// The whole controller as `serve` runs it, anchoring on: signed frames over real MQTT are stored, the stored log's
/// checkpoints are anchored on the controller's own Anvil chain, every frame is provable against the root the contract
/// holds, and a restart continues the same log and chain without anchoring anything twice.
/// </summary>
[Collection(AnvilTestGroup.Name)]
public sealed class AnchoredIngestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stored_frames_are_anchored_and_stay_provable_across_a_restart()
    {
        await AnvilAvailability.RequireAsync();
        await using RunningController controller = await RunningController.StartAsync(
            "--Millwright:Anchoring:Enabled=true",
            "--Millwright:Anchoring:MinFrames=1",
            "--Millwright:Anchoring:PollInterval=00:00:00.200");
        var press = new TestDevice(RunningController.Plant, "press-01");
        await controller.AddAsync(press);
        DateTimeOffset now = DateTimeOffset.UtcNow;

        await PublishAsync(controller, press, 1, 40, now);
        await WaitAnchoredAsync(controller, 40);
        await controller.RestartAsync();
        await PublishAsync(controller, press, 41, 75, now);
        AnchorState state = await WaitAnchoredAsync(controller, 75);

        long[] sizes = [.. state.Watched.Select(anchored => anchored.Checkpoint.Size)];
        Assert.Equal(sizes.Order(), sizes);
        Assert.Equal(sizes.Distinct(), sizes);
        Assert.Equal(sizes.Length, state.Counters.Submitted); // the restart anchored nothing twice
        await AssertEveryFrameProvableAsync(controller, state);
    }

    private static async Task PublishAsync(RunningController controller, TestDevice device, long first, long last, DateTimeOffset now)
    {
        await using DeviceConnection connection = await DeviceConnection.ConnectAsync(device, controller.MqttPort);
        for (long seq = first; seq <= last; seq++)
        {
            await connection.PublishFrameAsync(seq, now.AddSeconds(seq));
        }

        await connection.WaitForAckAsync((ulong)last);
    }

    private static async Task<AnchorState> WaitAnchoredAsync(RunningController controller, long size)
    {
        AnchorStatus status = controller.Services.GetRequiredService<AnchorStatus>();
        await Eventually.TrueAsync(() => status.Current?.LatestAnchored?.Checkpoint.Size == size && status.Current.Queue.Count == 0,
            $"the log of {size} frames anchored", TimeSpan.FromSeconds(120));
        return status.Current!;
    }

    private static async Task AssertEveryFrameProvableAsync(RunningController controller, AnchorState state)
    {
        AnchorSession session = await controller.Services.GetRequiredService<AnchorChainConnection>().ConnectAsync(Ct);
        var store = controller.Store;
        var inclusion = new InclusionProofVerifier();
        var hasher = new MerkleHasher();
        IReadOnlyList<StoredFrame> frames = await store.GetFramesInLogOrderAsync(1, 1000, Ct);
        Assert.Equal(75, frames.Count);
        foreach (StoredFrame frame in frames)
        {
            long leaf = frame.LogIndex - 1;
            LogCheckpoint covering = state.Watched.Select(anchored => anchored.Checkpoint).First(checkpoint => checkpoint.Size > leaf);
            LogCheckpoint? onChain = (await session.Chain.GetCheckpointAsync(covering.Size, Ct))?.Checkpoint;
            Assert.Equal(covering, onChain);
            byte[][] path = [.. await store.GetInclusionProofAsync(leaf, covering.Size, Ct)];
            Assert.True(inclusion.VerifyInclusion(leaf, covering.Size, hasher.HashLeaf(frame.RawMessage), path, onChain!.RootBytes()),
                $"frame {frame.LogIndex} against the root anchored at size {covering.Size}");
        }
    }
}
