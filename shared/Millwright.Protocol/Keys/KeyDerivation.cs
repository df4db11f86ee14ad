using Millwright.Protocol.Crypto;
using Millwright.Protocol.Text;

namespace Millwright.Protocol.Keys;

/// <summary>
/// HKDF-SHA-256 (RFC 5869) from the 256-bit device secret: PRK = HMAC(salt "millwright/v1", secret), then one
/// expand block per purpose, OKM = HMAC(PRK, "mw/v1 " + label ‖ 0x01). Labels are listed in docs/protocol.md.
/// </summary>
public static class KeyDerivation
{
    public const int SecretSize = 32;
    public const int KeySize = 32;
    public const int KeyIdSize = 8;

    private static readonly byte[] Salt = Ascii.GetBytes("millwright/v1");

    /// <summary>Derives the key for <paramref name="purpose"/> (32 bytes; the caller truncates where a purpose says so).</summary>
    public static void Derive(byte[] secret, KeyPurpose purpose, byte[] output, int offset)
    {
        if (secret == null || secret.Length != SecretSize)
        {
            throw new ProtocolException(ProtocolError.MessageInvalidField, "device secret must be 32 bytes");
        }

        var hmac = new HmacSha256(Salt);
        var prk = new byte[Sha256.HashSize];
        hmac.Compute(secret, 0, secret.Length, prk, 0);

        byte[] info = Ascii.GetBytes("mw/v1 " + Label(purpose));
        hmac.SetKey(prk, 0, prk.Length);
        hmac.Append(info, 0, info.Length);
        hmac.Append(0x01);
        hmac.Finish(output, offset);
        System.Array.Clear(prk, 0, prk.Length);
    }

    public static byte[] Derive(byte[] secret, KeyPurpose purpose)
    {
        var key = new byte[KeySize];
        Derive(secret, purpose, key, 0);
        return key;
    }

    /// <summary>The 8-byte key id: the first bytes of the <see cref="KeyPurpose.KeyId"/> derivation.</summary>
    public static byte[] DeriveKeyId(byte[] secret)
    {
        byte[] full = Derive(secret, KeyPurpose.KeyId);
        var id = new byte[KeyIdSize];
        System.Array.Copy(full, 0, id, 0, KeyIdSize);
        return id;
    }

    /// <summary>The MQTT password: lowercase hex of the first 16 bytes of its derived key (128 bits, 32 characters).</summary>
    public static string DeriveMqttPassword(byte[] secret)
    {
        byte[] full = Derive(secret, KeyPurpose.MqttPassword);
        return Ascii.ToHex(full, 0, 16);
    }

    private static string Label(KeyPurpose purpose)
    {
        switch (purpose)
        {
            case KeyPurpose.DeviceMessages: return "device-messages";
            case KeyPurpose.ControllerMessages: return "controller-messages";
            case KeyPurpose.MqttPassword: return "mqtt-password";
            case KeyPurpose.KeyId: return "key-id";
            case KeyPurpose.ConsoleProof: return "console-proof";
            default: throw new ProtocolException(ProtocolError.MessageInvalidField, "unknown key purpose");
        }
    }
}
