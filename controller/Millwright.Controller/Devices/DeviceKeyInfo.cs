using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Devices;

/// <summary>A key generation as shown to operators and the API: everything but the secret.</summary>
public sealed record DeviceKeyInfo(
    int Generation,
    int Epoch,
    string KeyIdHex,
    KeyState State,
    DateTimeOffset CreatedAt,
    long? ValidFromSequence,
    long? AcceptedBelowSequence,
    DateTimeOffset? RetiredAt,
    DateTimeOffset? ReplacedAt)
{
    public static DeviceKeyInfo From(DeviceKeyRecord key) =>
        new(key.Generation, key.Epoch, Convert.ToHexStringLower(key.KeyId), key.State, key.CreatedAt, key.ValidFromSequence,
            key.AcceptedBelowSequence, key.RetiredAt, key.ReplacedAt);
}
