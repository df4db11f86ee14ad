using System.Reflection;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Millwright.Hardware.Boards.Validation;

/// <summary>
/// hardware/boards/board.schema.json (embedded in this assembly), evaluated with JsonSchema.Net. Its violations
/// become issues named after the item and the keyword: <c>sensors[1] "vibration": schema/required: ...</c>.
/// </summary>
public static class BoardSchema
{
    private const string ResourceName = "board.schema.json";

    private static readonly Lazy<string> SchemaText = new(ReadResource);
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(SchemaText.Value));
    private static readonly Lazy<JsonNode?> SchemaDocument = new(() => JsonNode.Parse(SchemaText.Value));

    /// <summary>The schema's text, as committed in hardware/boards/board.schema.json.</summary>
    public static string Text => SchemaText.Value;

    public static IReadOnlyList<BoardIssue> Evaluate(JsonNode? document)
    {
        var results = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var issues = new List<BoardIssue>();
        Collect(results, document, issues);
        return issues.Distinct().ToList();
    }

    /// <summary>
    /// Walks the failed part of the result tree only. A failed "if" is not an error (it selects "else"), and the
    /// subschema of a passing "not" fails by design, so neither is reported.
    /// </summary>
    private static void Collect(EvaluationResults result, JsonNode? document, List<BoardIssue> issues)
    {
        if (result.IsValid)
        {
            return;
        }

        if (result.HasErrors && result.Errors is not null)
        {
            var segments = Enumerable.Range(0, result.InstanceLocation.Count).Select(i => result.InstanceLocation[i].ToString()).ToList();
            var item = ItemNames.FromPointer(document, segments);
            var evaluationPath = result.EvaluationPath.ToString();
            foreach (var (keyword, message) in result.Errors)
            {
                issues.Add(Describe(item, keyword, message + AllowedValues(keyword, result.SchemaLocation), evaluationPath));
            }
        }

        if (!result.HasDetails)
        {
            return;
        }

        foreach (var detail in result.Details)
        {
            if (!detail.EvaluationPath.ToString().EndsWith("/if", StringComparison.Ordinal))
            {
                Collect(detail, document, issues);
            }
        }
    }

    private static BoardIssue Describe(string item, string keyword, string message, string evaluationPath)
    {
        // A false subschema has no keyword of its own: additionalProperties (an unknown field) or a field that a
        // type forbids ("pin": false for a bme280).
        if (keyword.Length == 0 && evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            return new BoardIssue(IssueSeverity.Error, item, BoardRules.SchemaPrefix + "additionalProperties",
                "unknown field (a typo, or a field this format does not have)");
        }

        if (keyword.Length == 0)
        {
            return new BoardIssue(IssueSeverity.Error, item, BoardRules.SchemaPrefix + "not-allowed",
                "this field does not apply to an item of this type");
        }

        return new BoardIssue(IssueSeverity.Error, item, BoardRules.SchemaPrefix + keyword, message);
    }

    /// <summary>For an enum violation, the values the schema allows (JsonSchema.Net's message does not list them).</summary>
    private static string AllowedValues(string keyword, Uri schemaLocation)
    {
        if (keyword != "enum")
        {
            return "";
        }

        JsonNode? node = SchemaDocument.Value;
        foreach (var segment in Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#')).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out var child)
                ? child
                : null;
        }

        return node is JsonObject schema && schema["enum"] is JsonArray values
            ? ": " + string.Join(", ", values.Select(value => value?.ToJsonString() ?? "null"))
            : "";
    }

    private static string ReadResource()
    {
        using var stream = typeof(BoardSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from {typeof(BoardSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
