namespace Millwright.Protocol.Keys;

/// <summary>What a derived key is for. Each purpose has its own HKDF label, so no message of one kind verifies as another.</summary>
public enum KeyPurpose
{
    /// <summary>Device → controller: frames, gap records, status, command results.</summary>
    DeviceMessages = 1,

    /// <summary>Controller → device: acks and commands.</summary>
    ControllerMessages = 2,

    /// <summary>The device's MQTT password (the broker never sees the secret itself).</summary>
    MqttPassword = 3,

    /// <summary>The public key identifier carried in every COSE header (a fingerprint, not a key).</summary>
    KeyId = 4,

    /// <summary>The service console's challenge–response proof that the device holds the secret.</summary>
    ConsoleProof = 5,
}
