using System.Security.Cryptography;

namespace Millwright.Controller.Anchoring.Keys;

/// <summary>
/// The keystore password: <see cref="AnchorOptions.PasswordVariable"/>, else the first line of
/// <see cref="AnchorOptions.PasswordFile"/>. For the local Anvil chain with neither, a random password is generated
/// once into an owner-only file beside the keystore (the key then guards only a development chain).
/// </summary>
internal static class AnchorPassword
{
    public const string GeneratedFileName = "anchor-keystore.password";

    public static async Task<(string Password, bool Generated)> ResolveAsync(AnchorOptions options, string anchoringFolder, CancellationToken cancellationToken)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(AnchorOptions.PasswordVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return (fromEnvironment, false);
        }

        if (options.PasswordFile.Length > 0)
        {
            return (await ReadFirstLineAsync(options.PasswordFile, $"{AnchorOptions.Section}:PasswordFile", cancellationToken), false);
        }

        if (!options.UsesLocalAnvil)
        {
            throw new InvalidOperationException(
                $"{AnchorOptions.Section}:PasswordFile is empty and {AnchorOptions.PasswordVariable} is not set: the keystore of a configured chain needs a password");
        }

        string generated = Path.Combine(anchoringFolder, GeneratedFileName);
        if (File.Exists(generated))
        {
            return (await ReadFirstLineAsync(generated, generated, cancellationToken), true);
        }

        string password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await State.AtomicFile.WriteAsync(generated, System.Text.Encoding.UTF8.GetBytes(password + "\n"), cancellationToken);
        return (password, true);
    }

    private static async Task<string> ReadFirstLineAsync(string path, string what, CancellationToken cancellationToken)
    {
        string[] lines = await File.ReadAllLinesAsync(path, cancellationToken);
        string password = lines.Length > 0 ? lines[0].TrimEnd('\r') : string.Empty;
        return password.Length > 0 ? password : throw new InvalidOperationException($"{what} ({path}) holds no password on its first line");
    }
}
