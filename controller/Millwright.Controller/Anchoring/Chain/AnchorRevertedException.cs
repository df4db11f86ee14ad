namespace Millwright.Controller.Anchoring.Chain;

/// <summary>The contract refused the call (a revert), with its decoded reason, e.g. "NotAnchorer(0x…)".</summary>
internal sealed class AnchorRevertedException : Exception
{
    public AnchorRevertedException(string reason, Exception? innerException = null)
        : base("the anchor contract reverted: " + reason, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
