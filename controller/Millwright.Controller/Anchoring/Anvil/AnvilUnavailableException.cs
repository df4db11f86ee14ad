namespace Millwright.Controller.Anchoring.Anvil;

/// <summary>The local Anvil node could not be had: no node/npm, npm ci failed, the binary would not start.</summary>
internal sealed class AnvilUnavailableException : Exception
{
    public AnvilUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
