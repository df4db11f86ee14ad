namespace Millwright.Hardware.Virtual.Board;

/// <summary>
/// How a technician's maintenance reaches a running board, in-process or in another process: the `maintain` verb (or
/// anything else) creates the file <see cref="FileName"/> in the board's data directory; the board notices it within
/// a second of real time, services its machine and deletes the file.
/// </summary>
internal static class MaintenanceTrigger
{
    public const string FileName = "maintenance-request";

    public static void Request(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory))
        {
            throw new DirectoryNotFoundException($"no board data directory {dataDirectory}");
        }

        File.WriteAllText(Path.Combine(dataDirectory, FileName), DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "\n");
    }

    /// <summary>True (and the request consumed) when a maintenance was requested.</summary>
    public static bool Take(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
