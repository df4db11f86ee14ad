using Millwright.Controller.Anchoring.Chain;

namespace Millwright.Controller.Anchoring;

/// <summary>
/// Read-only view of any MillwrightAnchor contract on one chain endpoint, for auditors: no key, no transactions.
/// Transport failures surface as <see cref="ChainUnavailableException"/>; an address without the contract as
/// <see cref="AnchorContractMissingException"/>.
/// </summary>
internal interface IAnchorContractReader
{
    /// <summary>eth_chainId: the chain the endpoint serves.</summary>
    Task<long> GetChainIdAsync(CancellationToken cancellationToken);

    /// <summary>eth_blockNumber: the latest block.</summary>
    Task<long> GetBlockNumberAsync(CancellationToken cancellationToken);

    /// <summary>checkpoint(size) of the contract at <paramref name="contractAddress"/> in the latest block, or null when
    /// nothing was anchored for that size.</summary>
    Task<ChainCheckpoint?> GetCheckpointAsync(string contractAddress, long size, CancellationToken cancellationToken);

    /// <summary>The hash of the canonical block with this number, or null when there is none.</summary>
    Task<string?> GetBlockHashAsync(long blockNumber, CancellationToken cancellationToken);
}
