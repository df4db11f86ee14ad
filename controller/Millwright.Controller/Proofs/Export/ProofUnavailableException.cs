namespace Millwright.Controller.Proofs.Export;

/// <summary>No proof bundle can be made; the message says why and, where there is one, what to do.</summary>
internal sealed class ProofUnavailableException(ProofUnavailableReason reason, string message) : Exception(message)
{
    public ProofUnavailableReason Reason { get; } = reason;
}
