namespace Millwright.Controller.Anchoring.Chain;

/// <summary>
/// Reads a node's refusal of eth_sendRawTransaction. Nodes agree on no codes, only roughly on words (geth, Anvil,
/// Erigon, Nethermind, Besu), so the message is matched.
/// </summary>
internal static class RejectionClassifier
{
    /// <summary>True when the node already has exactly this transaction: that is a successful send.</summary>
    public static bool IsAlreadyKnown(string message)
    {
        string text = message.ToLowerInvariant();
        return text.Contains("already known", StringComparison.Ordinal)
            || text.Contains("already imported", StringComparison.Ordinal)
            || text.Contains("known transaction", StringComparison.Ordinal)
            || text.Contains("already exists", StringComparison.Ordinal);
    }

    public static TransactionRejection Classify(string message)
    {
        string text = message.ToLowerInvariant();
        if (text.Contains("nonce too low", StringComparison.Ordinal) || text.Contains("nonce has already been used", StringComparison.Ordinal)
            || text.Contains("oldnonce", StringComparison.Ordinal))
        {
            return TransactionRejection.NonceTooLow;
        }

        if (text.Contains("underpriced", StringComparison.Ordinal) || text.Contains("fee too low", StringComparison.Ordinal)
            || text.Contains("less than block base fee", StringComparison.Ordinal) || text.Contains("feecap", StringComparison.Ordinal)
            || text.Contains("fee cap", StringComparison.Ordinal))
        {
            return TransactionRejection.Underpriced;
        }

        return text.Contains("insufficient funds", StringComparison.Ordinal)
            ? TransactionRejection.InsufficientFunds
            : TransactionRejection.Other;
    }
}
