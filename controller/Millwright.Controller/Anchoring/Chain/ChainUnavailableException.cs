namespace Millwright.Controller.Anchoring.Chain;

/// <summary>The chain's JSON-RPC endpoint did not answer (down, refused, timed out): retry later, nothing is lost.</summary>
internal sealed class ChainUnavailableException : Exception
{
    public ChainUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
