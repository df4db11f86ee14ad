namespace Millwright.Controller.Storage.Records;

/// <summary>Open gaps (may still arrive) and declared losses (signed gap records) of one device.</summary>
public sealed record DeviceGaps(IReadOnlyList<SequenceGap> Open, IReadOnlyList<DeclaredLoss> Declared);
