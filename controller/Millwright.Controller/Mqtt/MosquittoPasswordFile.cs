using System.Security.Cryptography;
using System.Text;

namespace Millwright.Controller.Mqtt;

/// <summary>
/// Lines of a Mosquitto 2 password file (what `mosquitto_passwd` writes): "user:$7$101$salt$hash", PBKDF2-HMAC-SHA512
/// with 101 iterations, a 12-byte random salt and a 64-byte hash, both base64. For an external broker the device
/// passwords come from the registry (the MQTT password derived from each device's secret).
/// </summary>
public static class MosquittoPasswordFile
{
    private const int Iterations = 101;
    private const int SaltBytes = 12;
    private const int HashBytes = 64;

    public static string Line(string username, string password)
    {
        if (username.Contains(':', StringComparison.Ordinal) || username.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("a Mosquitto user name cannot contain ':' or a line break", nameof(username));
        }

        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"{username}:$7${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>The whole file, one line per (user, password).</summary>
    public static string Write(IEnumerable<(string Username, string Password)> users) =>
        string.Concat(users.Select(u => Line(u.Username, u.Password) + "\n"));
}
