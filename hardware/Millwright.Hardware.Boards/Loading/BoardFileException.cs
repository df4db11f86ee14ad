namespace Millwright.Hardware.Boards.Loading;

/// <summary>A board file was rejected; the message lists every error (and warning) with its item and rule.</summary>
public sealed class BoardFileException : Exception
{
    public BoardFileException(BoardLoadResult result)
        : base($"board file {result.Source} is rejected:\n" + string.Join("\n", result.Messages))
    {
        Result = result;
    }

    public BoardLoadResult Result { get; }
}
