namespace Millwright.Controller.Storage;

/// <summary>A new key generation reuses a key id (the same secret) this device already had; a rotation must bring
/// a fresh secret.</summary>
public sealed class DuplicateKeyException(string deviceId)
    : Exception($"device '{deviceId}' already had a key with this key id: a new key needs a new secret")
{
    public string DeviceId { get; } = deviceId;
}
