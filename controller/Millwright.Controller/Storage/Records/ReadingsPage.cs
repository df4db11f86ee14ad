namespace Millwright.Controller.Storage.Records;

/// <summary>One page of readings; <see cref="Next"/> is null on the last page.</summary>
public sealed record ReadingsPage(IReadOnlyList<Reading> Items, ReadingCursor? Next);
