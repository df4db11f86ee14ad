namespace Millwright.Hardware.Boards.Validation;

/// <summary>
/// One finding about a board file: the item it concerns (<c>sensors[1] "vibration" pin 4</c>), the rule's id
/// (<see cref="BoardRules"/>) and why the rule exists.
/// </summary>
public sealed record BoardIssue(IssueSeverity Severity, string Item, string Rule, string Message)
{
    public bool IsError => Severity == IssueSeverity.Error;

    public override string ToString() =>
        $"{(IsError ? "error" : "warning")}: {Item}: {Rule}: {Message}";
}
