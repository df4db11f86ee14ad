namespace Millwright.Controller.Storage;

/// <summary>An inclusive range of sequence numbers.</summary>
internal readonly record struct SequenceRange(long First, long Last);
