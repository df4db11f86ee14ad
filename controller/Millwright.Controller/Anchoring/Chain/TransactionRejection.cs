namespace Millwright.Controller.Anchoring.Chain;

/// <summary>Why a node refused a raw transaction.</summary>
internal enum TransactionRejection
{
    Other,

    /// <summary>The nonce is already used: the account's nonce moved on without this transaction.</summary>
    NonceTooLow,

    /// <summary>A transaction with the same nonce is pending and this one does not pay enough more to replace it, or its fee cap is below the base fee.</summary>
    Underpriced,

    InsufficientFunds,
}
