using Millwright.Controller.Anchoring.Chain;

namespace Millwright.Controller.Anchoring;

/// <summary>
/// The anchor contract on one EVM chain, in the anchoring service's terms. Transport failures surface as
/// <see cref="ChainUnavailableException"/>; a node's refusal of a transaction as <see cref="TransactionRejectedException"/>;
/// a call that would revert as <see cref="AnchorRevertedException"/>.
/// </summary>
internal interface IAnchorChain
{
    long ChainId { get; }

    string ContractAddress { get; }

    /// <summary>The account that signs anchors (the keystore's).</summary>
    string AnchorerAddress { get; }

    Task<long> GetBlockNumberAsync(CancellationToken cancellationToken);

    /// <summary>The anchorer's next nonce: counting only mined transactions, or also those waiting in the node's pool.</summary>
    Task<long> GetNonceAsync(bool includePending, CancellationToken cancellationToken);

    /// <summary>EIP-1559 fees for a transaction meant for one of the next blocks.</summary>
    Task<FeeQuote> SuggestFeesAsync(CancellationToken cancellationToken);

    /// <summary>Gas that anchor(size, root) would use now; throws <see cref="AnchorRevertedException"/> when it would revert.</summary>
    Task<long> EstimateAnchorGasAsync(LogCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Signs anchor(size, root) offline; nothing is sent.</summary>
    SignedChainTransaction SignAnchor(LogCheckpoint checkpoint, long nonce, FeeQuote fees, long gasLimit);

    /// <summary>Sends a signed transaction; one the node already holds counts as sent.</summary>
    Task BroadcastAsync(SignedChainTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The receipt of a mined transaction on the node's canonical chain, or null.</summary>
    Task<ChainReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken);

    /// <summary>Whether the node knows the transaction at all (pending or mined).</summary>
    Task<bool> IsKnownAsync(string transactionHash, CancellationToken cancellationToken);

    /// <summary>The checkpoint the contract holds for <paramref name="size"/> in the latest block, or null.</summary>
    Task<ChainCheckpoint?> GetCheckpointAsync(long size, CancellationToken cancellationToken);

    /// <summary>The contract's newest anchored tree size (0 before the first).</summary>
    Task<long> GetLatestSizeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One-shot anchor: next pending nonce, suggested fees, estimated gas, signed and sent. For tools and tests; the
    /// anchoring service instead persists each transaction before sending it.
    /// </summary>
    Task<SignedChainTransaction> AnchorAsync(LogCheckpoint checkpoint, CancellationToken cancellationToken);
}
