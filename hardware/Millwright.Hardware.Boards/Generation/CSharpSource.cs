using System.Globalization;
using System.Text;

namespace Millwright.Hardware.Boards.Generation;

/// <summary>Writes C# source line by line with LF endings and four-space indents, and formats literals invariantly.</summary>
internal sealed class CSharpSource
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CSharpSource Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public CSharpSource Open(string line)
    {
        Line(line);
        Line("{");
        _depth++;
        return this;
    }

    public void Indent(int change) => _depth += change;

    public CSharpSource Close(string closing = "}")
    {
        _depth--;
        return Line(closing);
    }

    /// <summary>A /// summary, wrapped to lines of at most <paramref name="width"/> characters.</summary>
    public CSharpSource Summary(string text, int width = 116)
    {
        var escaped = Xml(text);
        if (_depth * 4 + escaped.Length + "/// <summary></summary>".Length <= width)
        {
            return Line($"/// <summary>{escaped}</summary>");
        }

        Line("/// <summary>");
        var line = new StringBuilder();
        foreach (var word in escaped.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && _depth * 4 + 4 + line.Length + 1 + word.Length > width)
            {
                Line("/// " + line);
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            Line("/// " + line);
        }

        return Line("/// </summary>");
    }

    public override string ToString() => _text.ToString();

    public static string String(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var literal = new StringBuilder("\"");
        foreach (var c in value)
        {
            literal.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || c > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return literal.Append('"').ToString();
    }

    /// <summary>A float literal that reads back as exactly the float the device would get from the board file.</summary>
    public static string Float(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Hex(int value) => "0x" + value.ToString("x2", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    private static string Xml(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}
