using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Metrics;

namespace Millwright.Controller.Anchoring;

/// <summary>The anchoring state after the service's last step, for the API, health, metrics and the dashboard.</summary>
internal sealed class AnchorStatus
{
    private volatile AnchorState? _current;
    private volatile string? _unavailableReason;

    public AnchorStatus(ControllerMetrics? metrics = null)
    {
        if (metrics is null)
        {
            return;
        }

        metrics.Gauge("millwright_anchor_anchored_size", "Tree size of the newest checkpoint anchored with enough confirmations (0: none).",
            () => _current?.LatestAnchored?.Checkpoint.Size ?? 0);
        metrics.Gauge("millwright_anchor_queued_checkpoints", "Checkpoints waiting to be anchored, the one in flight included.",
            () => (_current?.Queue.Count ?? 0) + (_current?.InFlight is null ? 0 : 1));
        metrics.Gauge("millwright_anchor_chain_unavailable", "1 when the chain did not answer at the last step.", () => _unavailableReason is null ? 0 : 1);
        metrics.Gauge("millwright_anchor_reverted", "Anchor transactions that reverted (status 0), since the state file was created.",
            () => _current?.Counters.Reverted ?? 0);
        metrics.Gauge("millwright_anchor_reorged", "Anchored checkpoints removed by a reorganisation and anchored again, since the state file was created.",
            () => _current?.Counters.Reorged ?? 0);
        metrics.Gauge("millwright_anchor_fee_bumps", "Stuck anchors replaced with higher fees, since the state file was created.",
            () => _current?.Counters.FeeBumps ?? 0);
    }

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
