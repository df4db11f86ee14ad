using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Anchoring;

/// <summary>The anchoring state after the service's last step, for the API, the dashboard and health.</summary>
internal sealed class AnchorStatus
{
    private volatile AnchorState? _current;
    private volatile string? _unavailableReason;

    public AnchorState? Current => _current;

    /// <summary>Why the chain could not be reached at the last step, or null when it could.</summary>
    public string? UnavailableReason => _unavailableReason;

    public void Publish(AnchorState state)
    {
        _current = state;
        _unavailableReason = null;
    }

    public void Unavailable(string reason) => _unavailableReason = reason;
}
