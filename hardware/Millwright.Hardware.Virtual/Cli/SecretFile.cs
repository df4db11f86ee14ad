using System.Security.Cryptography;
using Millwright.Protocol.Keys;

namespace Millwright.Hardware.Virtual.Cli;

/// <summary>
/// A device secret in a file: 64 lowercase hex digits and a newline, owner-only (0600). This is the format the
/// controller's `millwright device add ID --import-secret-file FILE` takes, so a generated file registers the device.
/// </summary>
internal static class SecretFile
{
    public static byte[] Read(string path)
    {
        string text = new(File.ReadAllText(path).Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (text.Length != 2 * KeyDerivation.SecretSize || !text.All(Uri.IsHexDigit))
        {
            throw new UsageException($"{path} must hold a device secret as {2 * KeyDerivation.SecretSize} hex digits");
        }

        return Convert.FromHexString(text);
    }

    /// <summary>Creates the file with a new random secret; refuses to overwrite one.</summary>
    public static byte[] Generate(string path)
    {
        byte[] secret = RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(Convert.ToHexStringLower(secret));
        writer.Write('\n');
        return secret;
    }
}
