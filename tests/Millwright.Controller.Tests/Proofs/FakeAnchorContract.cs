using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Chain;

namespace Millwright.Controller.Tests.Proofs;

/// <summary>A chain endpoint the test describes: its chain id, latest block, the contract's checkpoints and block hashes.</summary>
internal sealed class FakeAnchorContract : IAnchorContractReader
{
    public long ChainId { get; set; } = FakeAnchorHistory.ChainId;

    public long LatestBlock { get; set; } = 100;

    public string Contract { get; set; } = FakeAnchorHistory.Contract;

    public Dictionary<long, ChainCheckpoint> Checkpoints { get; } = [];

    public Dictionary<long, string> BlockHashes { get; } = [];

    public Exception? Failure { get; set; }

    public void Hold(long size, byte[] root, long block)
    {
        Checkpoints[size] = new ChainCheckpoint(LogCheckpoint.FromRoot(size, root), 1_767_225_600 + block * 12, block);
        BlockHashes[block] = FakeAnchorHistory.BlockHash(block);
    }

    public Task<long> GetChainIdAsync(CancellationToken cancellationToken) => Answer(ChainId);

    public Task<long> GetBlockNumberAsync(CancellationToken cancellationToken) => Answer(LatestBlock);

    public Task<ChainCheckpoint?> GetCheckpointAsync(string contractAddress, long size, CancellationToken cancellationToken) =>
        !string.Equals(contractAddress, Contract, StringComparison.OrdinalIgnoreCase)
            ? throw new AnchorContractMissingException(contractAddress)
            : Answer(Checkpoints.GetValueOrDefault(size));

    public Task<string?> GetBlockHashAsync(long blockNumber, CancellationToken cancellationToken) => Answer(BlockHashes.GetValueOrDefault(blockNumber));

    private Task<T> Answer<T>(T value) => Failure is null ? Task.FromResult(value) : Task.FromException<T>(Failure);
}
