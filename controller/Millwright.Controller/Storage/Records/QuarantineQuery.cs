namespace Millwright.Controller.Storage.Records;

/// <summary>A page of quarantine, newest first. <see cref="BeforeId"/> is the previous page's
/// <see cref="QuarantinePage.NextBeforeId"/> (null for the first page).</summary>
public sealed record QuarantineQuery(int Limit)
{
    public QuarantineReason? Reason { get; init; }

    public string? DeviceId { get; init; }

    public long? BeforeId { get; init; }
}
