namespace Millwright.Hardware.Virtual.Console;

/// <summary>
/// Tells tools where a board's console is: a symbolic link (like socat's link= option) and a text file with the
/// pseudo-terminal's path, both removed when the board stops.
/// </summary>
internal sealed class ConsoleLink : IDisposable
{
    private readonly string? _linkPath;
    private readonly string? _pathFile;

    public ConsoleLink(string slavePath, string? linkPath, string? pathFile)
    {
        if (linkPath is not null)
        {
            if (File.Exists(linkPath) || new FileInfo(linkPath).LinkTarget is not null)
            {
                File.Delete(linkPath);
            }

            File.CreateSymbolicLink(linkPath, slavePath);
            _linkPath = linkPath;
        }

        if (pathFile is not null)
        {
            File.WriteAllText(pathFile, slavePath + "\n");
            _pathFile = pathFile;
        }
    }

    public void Dispose()
    {
        if (_linkPath is not null)
        {
            File.Delete(_linkPath);
        }

        if (_pathFile is not null)
        {
            File.Delete(_pathFile);
        }
    }
}
