using System.Text.Json.Nodes;
using Millwright.Hardware.Boards.Loading;

namespace Millwright.Hardware.Boards.Tests;

/// <summary>Loads a committed board file with one change made to its JSON, for rules best shown on a real board.</summary>
internal static class BoardJson
{
    public static BoardLoadResult LoadChanged(string boardFileName, Action<JsonNode> change)
    {
        var document = JsonNode.Parse(File.ReadAllText(TestPaths.Board(boardFileName)))!;
        change(document);
        return BoardLoader.Parse(document.ToJsonString(), boardFileName + " (changed)");
    }

    public static void AssertValidWithoutIssues(BoardLoadResult result) =>
        Assert.True(result.IsValid && result.Issues.Count == 0, $"{result.Source}: expected no issues, got:\n" + string.Join("\n", result.Messages));
}
