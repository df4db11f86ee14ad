namespace Millwright.Controller.Storage.Records;

/// <summary>An open gap: sequence numbers <see cref="First"/>..<see cref="Last"/> of one epoch are neither stored nor
/// covered by a gap record, while a higher number is. Visible until filled or covered.</summary>
public readonly record struct SequenceGap(string DeviceId, int Epoch, long First, long Last);
