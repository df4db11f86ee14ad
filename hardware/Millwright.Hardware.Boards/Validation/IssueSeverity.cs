namespace Millwright.Hardware.Boards.Validation;

public enum IssueSeverity
{
    /// <summary>Loads, but someone should look (a strapping pin that decides how the chip boots).</summary>
    Warning,

    /// <summary>The board file is rejected.</summary>
    Error,
}
