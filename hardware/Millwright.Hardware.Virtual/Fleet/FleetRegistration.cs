using Millwright.Hardware.Virtual.Cli;

namespace Millwright.Hardware.Virtual.Fleet;

/// <summary>
/// The secrets of a fleet's devices. A device met for the first time gets a new random secret in
/// &lt;data&gt;/&lt;device&gt;/device.secret (0600, the format `millwright device add ID --import-secret-file FILE` takes) and a line
/// `device_id,secret_hex` in &lt;data&gt;/registrations.csv (0600), and is announced once on the output with the command
/// that registers it. A device met again keeps its secret: a restarted fleet needs no new registration.
/// </summary>
internal static class FleetRegistration
{
    public const string SecretFileName = "device.secret";
    public const string RegistryFileName = "registrations.csv";

    public static byte[] SecretFor(string dataDirectory, string deviceId, TextWriter announce)
    {
        string deviceDirectory = Path.Combine(dataDirectory, deviceId);
        Directory.CreateDirectory(deviceDirectory);
        string path = Path.Combine(deviceDirectory, SecretFileName);
        if (File.Exists(path))
        {
            return SecretFile.Read(path);
        }

        byte[] secret = SecretFile.Generate(path);
        AppendToRegistry(Path.Combine(dataDirectory, RegistryFileName), deviceId, secret);
        announce.WriteLine($"new device {deviceId}: secret in {path}; register it with: millwright device add {deviceId} --import-secret-file {path}");
        return secret;
    }

    private static void AppendToRegistry(string path, string deviceId, byte[] secret)
    {
        bool created = !File.Exists(path);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        if (created)
        {
            writer.WriteLine("device_id,secret_hex");
        }

        writer.WriteLine($"{deviceId},{Convert.ToHexStringLower(secret)}");
    }
}
