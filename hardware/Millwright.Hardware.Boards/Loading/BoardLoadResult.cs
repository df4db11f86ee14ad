using Millwright.Hardware.Boards.Model;
using Millwright.Hardware.Boards.Validation;

namespace Millwright.Hardware.Boards.Loading;

/// <summary>What loading one board file gave: the board (when it passed the schema) and every issue found.</summary>
public sealed class BoardLoadResult
{
    public BoardLoadResult(string source, BoardFile? board, IReadOnlyList<BoardIssue> issues)
    {
        Source = source;
        Issues = issues;
        Board = issues.Any(issue => issue.IsError) ? null : board;
    }

    /// <summary>The file's path or name, as the messages show it.</summary>
    public string Source { get; }

    /// <summary>The board, or null when any error was found.</summary>
    public BoardFile? Board { get; }

    public IReadOnlyList<BoardIssue> Issues { get; }

    public IEnumerable<BoardIssue> Errors => Issues.Where(issue => issue.IsError);

    public IEnumerable<BoardIssue> Warnings => Issues.Where(issue => !issue.IsError);

    public bool IsValid => Board is not null;

    /// <summary>One line an issue, prefixed with the source: <c>esp32-devkitc.json: error: ...</c>.</summary>
    public IEnumerable<string> Messages => Issues.Select(issue => $"{Source}: {issue}");

    /// <summary>The board; throws <see cref="BoardFileException"/> listing every error when there is none.</summary>
    public BoardFile GetBoardOrThrow() => Board ?? throw new BoardFileException(this);
}
