using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Proofs.Export;

namespace Millwright.Controller.Tests.Proofs;

/// <summary>An anchoring history the test fills: checkpoints of a log marked anchored in made-up blocks.</summary>
internal sealed class FakeAnchorHistory : IAnchorHistorySource
{
    public const long ChainId = 31337;
    public const string Contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    private readonly List<AnchoredCheckpoint> _anchored = [];
    private readonly List<LogCheckpoint> _pending = [];

    /// <summary>False until something is anchored or pending: "anchoring never ran".</summary>
    public bool Exists { get; set; }

    public static string TransactionHash(long size) => "0x" + Convert.ToHexStringLower(BitConverter.GetBytes(size)).PadLeft(64, 'a');

    public static string BlockHash(long block) => "0x" + Convert.ToHexStringLower(BitConverter.GetBytes(block)).PadLeft(64, 'b');

    public AnchoredCheckpoint Anchor(long size, byte[] root, long block)
    {
        var anchored = new AnchoredCheckpoint(LogCheckpoint.FromRoot(size, root), block, 1_767_225_600 + block * 12, TransactionHash(size), 50_000, 1_000_000_000,
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { BlockHash = BlockHash(block) };
        _anchored.Add(anchored);
        Exists = true;
        return anchored;
    }

    public void Pending(long size, byte[] root)
    {
        _pending.Add(LogCheckpoint.FromRoot(size, root));
        Exists = true;
    }

    public Task<AnchorHistory?> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Exists ? new AnchorHistory(ChainId, Contract, [.. _anchored.OrderBy(a => a.Checkpoint.Size)], [.. _pending]) : null);
}
