namespace Millwright.Controller.Provisioning;

/// <summary>The cells of one line of a <see cref="BulkSheet"/> by column name; refusals name the line and the column.</summary>
internal sealed class SheetLine
{
    private readonly string _source;
    private readonly int _line;
    private readonly string[] _header;
    private readonly string[] _cells;

    public SheetLine(string source, int line, string[] header, string[] cells)
    {
        (_source, _line, _header, _cells) = (source, line, header, cells);
        if (cells.Length != header.Length)
        {
            string what = cells.Length < header.Length ? $"column {cells.Length + 1} ({header[cells.Length]}) is missing" : $"column {header.Length + 1} is extra";
            throw new BulkSheetException($"{source}:{line}: {cells.Length} cells where the header has {header.Length}: {what} (leave a cell empty, but keep its comma)");
        }

        int quoted = Array.FindIndex(cells, c => c.Contains('"', StringComparison.Ordinal));
        if (quoted >= 0)
        {
            throw new BulkSheetException($"{source}:{line}: column {quoted + 1} ({header[quoted]}): quoted cells are not supported; give such a value on the command line");
        }
    }

    /// <summary>The cell's value, or null when the column is absent or the cell empty.</summary>
    public string? Value(string column)
    {
        int index = Array.IndexOf(_header, column);
        return index < 0 || _cells[index].Length == 0 ? null : _cells[index];
    }

    public string Required(string column, Func<string, bool> rule, string expected) =>
        Optional(column, rule, expected) ?? throw Refuse(column, "empty: every node needs one");

    public string? Optional(string column, Func<string, bool> rule, string expected) =>
        Value(column) is not { } value ? null
            : rule(value) ? value
            : throw Refuse(column, $"'{value}' is not valid: {expected}");

    public BulkSheetException Refuse(string column, string problem)
    {
        int index = Array.IndexOf(_header, column);
        return new($"{_source}:{_line}: {(index < 0 ? $"{column} (not a column of the sheet)" : $"column {index + 1} ({column})")}: {problem}");
    }
}
