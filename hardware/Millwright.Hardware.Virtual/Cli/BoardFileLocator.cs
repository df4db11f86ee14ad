namespace Millwright.Hardware.Virtual.Cli;

/// <summary>Finds hardware/boards/virtual.json when --board is not given: above the working directory, then above the program.</summary>
internal static class BoardFileLocator
{
    public const string DefaultRelativePath = "hardware/boards/virtual.json";

    public static string Resolve(string? given)
    {
        if (given is not null)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new UsageException($"--board: no file {given}");
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, DefaultRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new UsageException($"--board not given and no {DefaultRelativePath} found above the working directory");
    }
}
