namespace Millwright.Controller.Storage.Records;

/// <summary>One page of quarantine; <see cref="NextBeforeId"/> is null on the last page.</summary>
public sealed record QuarantinePage(IReadOnlyList<QuarantineRecord> Items, long? NextBeforeId);
