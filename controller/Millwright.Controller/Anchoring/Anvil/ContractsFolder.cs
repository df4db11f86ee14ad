namespace Millwright.Controller.Anchoring.Anvil;

/// <summary>
/// Finds controller/contracts (package.json and package-lock.json of the anchor contract, where npm installs Anvil):
/// the configured folder, else the first one found walking up from the program's folder, then from the working
/// directory (a controller run from a checkout, or its tests).
/// </summary>
internal static class ContractsFolder
{
    private const string PackageName = "millwright-anchor-contract";

    public static string? Find(string configured)
    {
        if (configured.Length > 0)
        {
            return Path.GetFullPath(configured);
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                foreach (string candidate in new[] { Path.Combine(folder.FullName, "controller", "contracts"), Path.Combine(folder.FullName, "contracts") })
                {
                    if (IsContractsFolder(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    private static bool IsContractsFolder(string folder)
    {
        string manifest = Path.Combine(folder, "package.json");
        return File.Exists(manifest) && File.Exists(Path.Combine(folder, "package-lock.json"))
            && File.ReadAllText(manifest).Contains($"\"{PackageName}\"", StringComparison.Ordinal);
    }
}
