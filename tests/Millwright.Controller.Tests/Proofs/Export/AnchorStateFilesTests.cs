using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Proofs.Export;
using Millwright.Controller.Tests.Anchoring;

namespace Millwright.Controller.Tests.Proofs.Export;

/// <summary>The anchoring service's own files, written by its own store, read back as the proof exporter sees them.</summary>
public sealed class AnchorStateFilesTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "millwright-anchor-files-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Final_history_and_watched_checkpoints_make_one_history_in_size_order_with_pending_ones_apart()
    {
        var store = new FileAnchorStateStore(_folder, 31337);
        await store.AppendFinalAsync(Anchored(5, 10), Ct);
        await store.AppendFinalAsync(Anchored(9, 20), Ct);
        await store.SaveAsync(AnchorState.Empty(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3") with
        {
            LastFinal = Anchored(9, 20),
            Watched = [Anchored(14, 30), Anchored(20, 31)],
            Queue = [new QueuedCheckpoint(TestLogHead.CheckpointOf(26), At)],
        }, Ct);

        AnchorHistory history = (await new AnchorStateFiles(_folder, null).LoadAsync(Ct))!;

        Assert.Equal(31337, history.ChainId);
        Assert.Equal("0x5fbdb2315678afecb367f032d93f642f64180aa3", history.ContractAddress);
        Assert.Equal([5L, 9, 14, 20], history.Anchored.Select(a => a.Checkpoint.Size));
        Assert.Equal([26L], history.Pending.Select(p => p.Size));
        Assert.Equal(14, history.EarliestCovering(10)!.Checkpoint.Size);
        Assert.Equal(9, history.EarliestCovering(9)!.Checkpoint.Size);
        Assert.Null(history.EarliestCovering(21));
    }

    [Fact]
    public async Task No_folder_or_no_state_means_anchoring_never_ran()
    {
        Assert.Null(await new AnchorStateFiles(_folder, null).LoadAsync(Ct));
        Directory.CreateDirectory(_folder);
        Assert.Null(await new AnchorStateFiles(_folder, null).LoadAsync(Ct));
        Assert.Null(await new AnchorStateFiles(_folder, 31337).LoadAsync(Ct));
    }

    [Fact]
    public async Task Several_chains_need_a_chain_id_and_a_set_aside_contract_is_not_one_of_them()
    {
        await new FileAnchorStateStore(_folder, 31337).SaveAsync(AnchorState.Empty(31337, "0x01"), Ct);
        await new FileAnchorStateStore(_folder, 31337).SetAsideAsync("0xOLD", Ct);
        await new FileAnchorStateStore(_folder, 31337).SaveAsync(AnchorState.Empty(31337, "0x02"), Ct);
        Assert.Equal("0x02", (await new AnchorStateFiles(_folder, null).LoadAsync(Ct))!.ContractAddress);

        await new FileAnchorStateStore(_folder, 11155111).SaveAsync(AnchorState.Empty(11155111, "0x03"), Ct);
        ProofUnavailableException ambiguous = await Assert.ThrowsAsync<ProofUnavailableException>(() => new AnchorStateFiles(_folder, null).LoadAsync(Ct));

        Assert.Equal(ProofUnavailableReason.ChainAmbiguous, ambiguous.Reason);
        Assert.Contains("chains 31337, 11155111: name one (--chain-id)", ambiguous.Message, StringComparison.Ordinal);
        Assert.Equal("0x03", (await new AnchorStateFiles(_folder, 11155111).LoadAsync(Ct))!.ContractAddress);
    }

    private static AnchoredCheckpoint Anchored(long size, long block) =>
        new(TestLogHead.CheckpointOf(size), block, 1_767_225_600 + block, "0x" + new string('a', 64), 50_000, 1, At);
}
