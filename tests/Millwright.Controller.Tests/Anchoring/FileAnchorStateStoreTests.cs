using System.Numerics;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Tests.Anchoring;

public sealed class FileAnchorStateStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "millwright-anchor-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_saved_state_reads_back_whole_with_wei_amounts_exact()
    {
        var store = new FileAnchorStateStore(_folder, 31337);
        DateTimeOffset at = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        BigInteger hugeFee = BigInteger.Pow(10, 30) + 7;
        var sent = new SentTransaction("0xaa", "0xbb", TestLogHead.CheckpointOf(9), hugeFee, 3, 90_000, at);
        AnchorState state = AnchorState.Empty(31337, "0xcontract") with
        {
            Phase = AnchorPhase.Submitted,
            Queue = [new QueuedCheckpoint(TestLogHead.CheckpointOf(9), at)],
            InFlight = new InFlightAnchor(4, [sent], at),
            Watched = [new AnchoredCheckpoint(TestLogHead.CheckpointOf(5), 12, 1_700_000_000, "0xcc", 73_924, hugeFee, at)],
            Counters = new AnchorCounters { Submitted = 2, FeeBumps = 1 },
        };

        await store.SaveAsync(state, TestContext.Current.CancellationToken);
        AnchorState loaded = (await store.LoadAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(AnchorPhase.Submitted, loaded.Phase);
        Assert.Equal(state.Queue, loaded.Queue);
        Assert.Equal(sent, loaded.InFlight!.Latest);
        Assert.Equal(4, loaded.InFlight.Nonce);
        Assert.Equal(state.Watched, loaded.Watched);
        Assert.Equal(state.Counters, loaded.Counters);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public async Task Final_anchors_append_once_in_order_and_a_torn_last_line_is_ignored()
    {
        var store = new FileAnchorStateStore(_folder, 7);
        AnchoredCheckpoint Anchored(long size) => new(TestLogHead.CheckpointOf(size), size, size, null, null, null, DateTimeOffset.UnixEpoch);
        await store.AppendFinalAsync(Anchored(5), TestContext.Current.CancellationToken);
        await store.AppendFinalAsync(Anchored(5), TestContext.Current.CancellationToken);
        await File.AppendAllTextAsync(Path.Combine(_folder, "anchors-7.jsonl"), "{\"checkpoint\":{\"si", TestContext.Current.CancellationToken);
        await store.AppendFinalAsync(Anchored(8), TestContext.Current.CancellationToken);

        IReadOnlyList<AnchoredCheckpoint> history = await store.ReadFinalAsync(TestContext.Current.CancellationToken);

        Assert.Equal([5L, 8L], history.Select(anchored => anchored.Checkpoint.Size));
    }

    [Fact]
    public async Task A_state_of_another_contract_is_set_aside_for_a_fresh_one()
    {
        var store = new FileAnchorStateStore(_folder, 31337);
        await store.SaveAsync(AnchorState.Empty(31337, "0xold") with { Queue = [new QueuedCheckpoint(TestLogHead.CheckpointOf(3), DateTimeOffset.UnixEpoch)] },
            TestContext.Current.CancellationToken);

        AnchorStateKeeper keeper = await AnchorStateKeeper.OpenAsync(store, 31337, "0xnew",
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.Equal("0xnew", keeper.State.ContractAddress);
        Assert.Empty(keeper.State.Queue);
        Assert.True(File.Exists(Path.Combine(_folder, "anchor-state-31337.0xold.json")));
        Assert.Equal("0xnew", (await store.LoadAsync(TestContext.Current.CancellationToken))!.ContractAddress);
    }
}
