using Millwright.Hardware.Boards.Generation;
using Millwright.Hardware.Boards.Loading;

namespace Millwright.Hardware.Boards.Tool;

/// <summary>
/// <c>validate [file...]</c>: load board files (default: all of hardware/boards) and print every issue; exit 1 on an error.
/// <c>generate [--check]</c>: write firmware/Millwright.Firmware.Esp32/Boards/*.g.cs from the real boards; with --check,
/// write nothing and exit 1 when a committed file differs or is stale.
/// <c>--root DIR</c> names the repository root (default: the nearest folder above the current one with Embedded.sln).
/// </summary>
public static class BoardTool
{
    private const string Usage = "usage: board-tool validate [file.json...] | generate [--check]   [--root DIR]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var arguments = args.ToList();
        var root = TakeOption(arguments, "--root") ?? FindRepositoryRoot(Directory.GetCurrentDirectory());
        var command = arguments.FirstOrDefault();
        if (root is null)
        {
            error.WriteLine("no repository root: run inside the repository or pass --root");
            return 2;
        }

        try
        {
            return command switch
            {
                "validate" => Validate(root, arguments.Skip(1).ToList(), output),
                "generate" => Generate(root, arguments.Contains("--check"), output, error),
                _ => Fail(error, Usage),
            };
        }
        catch (BoardFileException exception)
        {
            error.WriteLine(exception.Message);
            return 1;
        }
    }

    private static int Validate(string root, List<string> files, TextWriter output)
    {
        var paths = files.Count > 0 ? files : BoardCodeSet.BoardFiles(root);
        var failed = false;
        foreach (var path in paths)
        {
            var result = BoardLoader.Load(path);
            foreach (var message in result.Messages)
            {
                output.WriteLine(message);
            }

            output.WriteLine($"{result.Source}: {(result.IsValid ? "valid" : "REJECTED")} ({result.Errors.Count()} error(s), {result.Warnings.Count()} warning(s))");
            failed |= !result.IsValid;
        }

        return failed ? 1 : 0;
    }

    private static int Generate(string root, bool check, TextWriter output, TextWriter error)
    {
        var rendered = BoardCodeSet.Render(root);
        var differences = 0;
        foreach (var file in rendered)
        {
            var path = Path.Combine(root, file.RelativePath);
            var current = File.Exists(path) ? File.ReadAllText(path) : null;
            if (current == file.Text)
            {
                output.WriteLine($"unchanged {file.RelativePath}");
                continue;
            }

            differences++;
            if (check)
            {
                error.WriteLine($"out of date: {file.RelativePath}");
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
            output.WriteLine($"wrote {file.RelativePath}");
        }

        foreach (var stale in BoardCodeSet.StaleFiles(root, rendered))
        {
            differences++;
            error.WriteLine($"stale (no board file generates it; delete it): {stale}");
        }

        return check && differences > 0 ? 1 : 0;
    }

    private static string? TakeOption(List<string> arguments, string name)
    {
        var index = arguments.IndexOf(name);
        if (index < 0 || index + 1 >= arguments.Count)
        {
            return null;
        }

        var value = arguments[index + 1];
        arguments.RemoveRange(index, 2);
        return Path.GetFullPath(value);
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Embedded.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }
}
