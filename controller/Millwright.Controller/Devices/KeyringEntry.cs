namespace Millwright.Controller.Devices;

/// <summary>One device as the keyring holds it: its usable keys (derived), the kids of keys retired by replacement,
/// and the MQTT passwords currently accepted.</summary>
internal sealed record KeyringEntry(
    string DeviceId,
    bool Enabled,
    IReadOnlyList<VerificationKey> Keys,
    IReadOnlyList<byte[]> ReplacedKeyIds,
    IReadOnlyList<byte[]> MqttPasswords)
{
    /// <summary>The key a COSE key id names for this device, or why there is none (disabled, retired, unknown).</summary>
    public KeyLookup Find(ReadOnlySpan<byte> keyId)
    {
        if (!Enabled)
        {
            return KeyLookup.Of(KeyLookupStatus.DeviceDisabled);
        }

        foreach (VerificationKey key in Keys)
        {
            if (keyId.SequenceEqual(key.KeyId))
            {
                return new KeyLookup(KeyLookupStatus.Found, key);
            }
        }

        foreach (byte[] replaced in ReplacedKeyIds)
        {
            if (keyId.SequenceEqual(replaced))
            {
                return KeyLookup.Of(KeyLookupStatus.KeyRetired);
            }
        }

        return KeyLookup.Of(KeyLookupStatus.UnknownKey);
    }
}
