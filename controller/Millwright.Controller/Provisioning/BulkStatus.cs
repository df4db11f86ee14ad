namespace Millwright.Controller.Provisioning;

/// <summary>How one node of a commissioning run ended.</summary>
public enum BulkStatus
{
    Provisioned,
    Failed,
    Skipped,
    /// <summary>The run stopped before this node (no next node on the port, or the technician quit).</summary>
    NotAttempted,
}
