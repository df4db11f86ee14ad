using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Hardware.Boards.Model;
using Millwright.Hardware.Boards.Validation;

namespace Millwright.Hardware.Boards.Loading;

/// <summary>
/// Loads a board file in three steps, each reporting every issue it finds: JSON syntax, the JSON Schema
/// (shape and types), then the structure and pin rules in C# (<see cref="StructureValidator"/>, <see cref="PinValidator"/>).
/// </summary>
public static class BoardLoader
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
    };

    public static BoardLoadResult Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Loads and throws <see cref="BoardFileException"/> unless the file is valid; warnings do not reject.</summary>
    public static BoardFile LoadValid(string path) => Load(path).GetBoardOrThrow();

    public static BoardLoadResult Parse(string json, string source)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException exception)
        {
            var where = $"line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}";
            return new BoardLoadResult(source, null,
                [new BoardIssue(IssueSeverity.Error, ItemNames.Board, BoardRules.JsonSyntax, $"not valid JSON at {where}: {WithoutPosition(exception.Message)}")]);
        }

        var schemaIssues = BoardSchema.Evaluate(document);
        if (schemaIssues.Count > 0)
        {
            // The C# rules read a typed model, which only a document of the right shape gives.
            return new BoardLoadResult(source, null, schemaIssues);
        }

        var board = document.Deserialize<BoardFile>(SerializerOptions)
            ?? throw new InvalidOperationException("a document that passed the schema deserialized to null");
        var issues = StructureValidator.Check(board).Concat(PinValidator.Check(board)).ToList();
        return new BoardLoadResult(source, board, issues);
    }

    // System.Text.Json appends "LineNumber: 5 | BytePositionInLine: 0." (zero-based), which the message already says.
    private static string WithoutPosition(string message)
    {
        var index = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}
