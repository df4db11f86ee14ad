namespace Millwright.Protocol.Keys;

/// <summary>Every key one device secret yields, derived once (at provisioning or start-up, never per message).</summary>
public sealed class DeviceKeys
{
    public DeviceKeys(byte[] secret)
    {
        DeviceMessageKey = KeyDerivation.Derive(secret, KeyPurpose.DeviceMessages);
        ControllerMessageKey = KeyDerivation.Derive(secret, KeyPurpose.ControllerMessages);
        ConsoleProofKey = KeyDerivation.Derive(secret, KeyPurpose.ConsoleProof);
        KeyId = KeyDerivation.DeriveKeyId(secret);
        MqttPassword = KeyDerivation.DeriveMqttPassword(secret);
    }

    public byte[] DeviceMessageKey { get; private set; }

    public byte[] ControllerMessageKey { get; private set; }

    public byte[] ConsoleProofKey { get; private set; }

    public byte[] KeyId { get; private set; }

    public string MqttPassword { get; private set; }
}
