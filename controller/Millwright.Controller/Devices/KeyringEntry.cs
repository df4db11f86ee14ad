namespace Millwright.Controller.Devices;

/// <summary>One device as the keyring holds it: its usable keys (derived), the kids of keys retired by replacement,
/// and the MQTT passwords currently accepted.</summary>
internal sealed record KeyringEntry(
    string DeviceId,
    bool Enabled,
    IReadOnlyList<VerificationKey> Keys,
    IReadOnlyList<byte[]> ReplacedKeyIds,
    IReadOnlyList<byte[]> MqttPasswords);
