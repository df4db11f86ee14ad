namespace Millwright.Controller.Storage.Records;

/// <summary>A registered device. <see cref="CurrentEpoch"/> is the sequence space its newest key signs in.</summary>
public sealed record DeviceRecord(
    string DeviceId,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt,
    int CurrentEpoch,
    int CurrentGeneration);
