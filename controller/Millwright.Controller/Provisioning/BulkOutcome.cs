namespace Millwright.Controller.Provisioning;

/// <summary>One line of a commissioning run's summary: the node, how it ended, and the key and frame or the failed step and why.</summary>
public sealed record BulkOutcome(string DeviceId, BulkStatus Status, string Detail)
{
    public override string ToString() => $"  {DeviceId,-32} {Label,-13} {Detail}".TrimEnd();

    private string Label => Status switch
    {
        BulkStatus.Provisioned => "ok",
        BulkStatus.Failed => "FAILED",
        BulkStatus.Skipped => "skipped",
        _ => "not attempted",
    };
}
