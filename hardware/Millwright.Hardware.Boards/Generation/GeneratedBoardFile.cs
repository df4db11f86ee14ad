namespace Millwright.Hardware.Boards.Generation;

/// <summary>One generated source file: its path relative to the repository root, and its text.</summary>
public sealed record GeneratedBoardFile(string RelativePath, string Text);
