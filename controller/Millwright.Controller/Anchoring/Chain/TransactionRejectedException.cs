namespace Millwright.Controller.Anchoring.Chain;

/// <summary>The node refused a raw transaction (JSON-RPC error on eth_sendRawTransaction).</summary>
internal sealed class TransactionRejectedException : Exception
{
    public TransactionRejectedException(TransactionRejection rejection, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Rejection = rejection;
    }

    public TransactionRejection Rejection { get; }
}
