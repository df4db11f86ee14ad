namespace Millwright.Controller.Proofs.Bundles;

/// <summary>A file that is not a proof bundle this version reads; the message says what is wrong and where.</summary>
internal sealed class ProofBundleFormatException : Exception
{
    public ProofBundleFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
