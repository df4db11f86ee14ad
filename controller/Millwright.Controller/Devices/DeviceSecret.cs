using System.Globalization;
using System.Security.Cryptography;
using Millwright.Protocol.Keys;

namespace Millwright.Controller.Devices;

/// <summary>Device secrets: 32 random bytes (protocol §4), written and read as 64 hex digits.</summary>
public static class DeviceSecret
{
    public static byte[] Generate() => RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize);

    public static string ToHex(byte[] secret) => Convert.ToHexStringLower(secret);

    /// <summary>
    /// Reads an imported secret: 64 hex digits (whitespace and a trailing newline ignored), or exactly 32 raw bytes.
    /// Throws <see cref="DeviceRegistryException"/> saying what was expected.
    /// </summary>
    public static byte[] Parse(byte[] content)
    {
        string text = new string(System.Text.Encoding.ASCII.GetString(content).Where(c => !char.IsWhiteSpace(c)).ToArray());
        byte[] secret;
        if (text.Length == 2 * KeyDerivation.SecretSize && text.All(Uri.IsHexDigit))
        {
            secret = Convert.FromHexString(text);
        }
        else if (content.Length == KeyDerivation.SecretSize)
        {
            secret = content;
        }
        else
        {
            throw new DeviceRegistryException(
                $"an imported secret must be {2 * KeyDerivation.SecretSize} hex digits or exactly {KeyDerivation.SecretSize} bytes; " +
                $"got {content.Length.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        if (secret.All(b => b == secret[0]))
        {
            throw new DeviceRegistryException("the imported secret is one byte repeated: use a random 32-byte secret");
        }

        return secret;
    }
}
