using Millwright.Hardware.Boards.Loading;
using Millwright.Hardware.Boards.Model;

namespace Millwright.Controller.Provisioning;

/// <summary>
/// The console settings of a board (`--board`): a board file's path, or a board's name looked up as NAME.json among
/// the board files shipped with the tool (boards/ beside it) and in hardware/boards above the working directory. The
/// file goes through the same loader and rules as every board file. Baud rate and framing are the board's, as the
/// firmware opens its console UART with them.
/// </summary>
public sealed record BoardConsole(string BoardName, string Source, int BaudRate, string Framing)
{
    /// <summary>Where board names are looked up, in order.</summary>
    public static IReadOnlyList<string> DefaultDirectories()
    {
        var directories = new List<string> { Path.Combine(AppContext.BaseDirectory, "boards") };
        for (DirectoryInfo? at = new(Directory.GetCurrentDirectory()); at is not null; at = at.Parent)
        {
            directories.Add(Path.Combine(at.FullName, "hardware", "boards"));
        }

        return directories;
    }

    /// <summary>Throws <see cref="ProvisioningException"/> (step "port") naming what is wrong with the board or where it was looked for.</summary>
    public static BoardConsole Find(string fileOrName, IReadOnlyList<string> directories)
    {
        string? path = File.Exists(fileOrName) ? fileOrName
            : directories.Select(d => Path.Combine(d, fileOrName + ".json")).FirstOrDefault(File.Exists);
        if (path is null)
        {
            string known = string.Join(", ", directories.Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*.json"))
                .Select(Path.GetFileNameWithoutExtension).Where(n => n != "board.schema").Distinct().Order());
            throw new ProvisioningException(ProvisioningStep.Port, $"no board file '{fileOrName}' and no board of that name",
                known.Length == 0 ? "pass the board file's path (hardware/boards/NAME.json)" : $"known boards: {known}; or pass a board file's path");
        }

        BoardLoadResult loaded;
        try
        {
            loaded = BoardLoader.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProvisioningException(ProvisioningStep.Port, $"cannot read the board file {path}: {e.Message}", "check the path and its permissions");
        }

        BoardFile board = loaded.Board ?? throw new ProvisioningException(ProvisioningStep.Port,
            $"the board file {path} is rejected: {string.Join("; ", loaded.Errors.Select(e => e.ToString()))}", "correct the board file (docs/boards.md) or pass --baud N");
        return new BoardConsole(board.Name, path, board.Console.BaudRate, board.Console.Framing);
    }
}
