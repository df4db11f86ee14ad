using Millwright.Hardware.Boards.Loading;
using Millwright.Hardware.Boards.Model;

namespace Millwright.Hardware.Boards.Generation;

/// <summary>
/// The generated C# for every real board in hardware/boards (the virtual board runs on .NET and loads its JSON).
/// Shared by the regenerating tool and the test that the committed files match.
/// </summary>
public static class BoardCodeSet
{
    /// <summary>Every board file in hardware/boards (*.json except the schema), sorted by name.</summary>
    public static IReadOnlyList<string> BoardFiles(string repositoryRoot) =>
        Directory.GetFiles(Path.Combine(repositoryRoot, BoardCodeGenerator.BoardsDirectory), "*.json")
            .Where(path => !path.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Loads every board file (throwing <see cref="BoardFileException"/> on the first invalid one) and renders the real boards.</summary>
    public static IReadOnlyList<GeneratedBoardFile> Render(string repositoryRoot)
    {
        var files = new List<GeneratedBoardFile>();
        foreach (var path in BoardFiles(repositoryRoot))
        {
            var board = BoardLoader.LoadValid(path);
            if (board.Chip == ChipVariant.Virtual)
            {
                continue;
            }

            files.Add(new GeneratedBoardFile(
                $"{BoardCodeGenerator.OutputDirectory}/{BoardCodeGenerator.FileName(board)}",
                BoardCodeGenerator.Generate(board, Path.GetFileName(path))));
        }

        return files;
    }

    /// <summary>Generated files present in the output folder that no board file produces any more.</summary>
    public static IReadOnlyList<string> StaleFiles(string repositoryRoot, IReadOnlyList<GeneratedBoardFile> rendered)
    {
        var directory = Path.Combine(repositoryRoot, BoardCodeGenerator.OutputDirectory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var expected = rendered.Select(file => Path.GetFileName(file.RelativePath)).ToHashSet(StringComparer.Ordinal);
        return Directory.GetFiles(directory, "*.g.cs")
            .Where(path => !expected.Contains(Path.GetFileName(path)))
            .Select(path => $"{BoardCodeGenerator.OutputDirectory}/{Path.GetFileName(path)}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
