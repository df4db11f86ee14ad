using System.Globalization;

namespace Millwright.Hardware.Virtual.Cli;

/// <summary>
/// Reads `--name value` options and `--flag` switches. Every option must be known to the verb; an option given twice,
/// a missing value or a value out of range is a <see cref="UsageException"/> that names the option.
/// </summary>
internal sealed class OptionReader
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public OptionReader(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                throw new UsageException($"unexpected argument '{name}'");
            }

            string? value = null;
            if (!flags.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"{name} needs a value");
                }

                value = args[++i];
            }

            if (!_values.TryAdd(name, value))
            {
                throw new UsageException($"{name} given twice");
            }
        }
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _values.ContainsKey(name);
    }

    public string? Text(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string RequiredText(string name) => Text(name) ?? throw new UsageException($"{name} is required");

    public int? Integer(string name, int min, int max)
    {
        string? text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"{name} must be a whole number from {min} to {max}");
        }

        return value;
    }

    public double? Number(string name, double min, double max)
    {
        string? text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= min && value <= max))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number from {min} to {max}"));
        }

        return value;
    }

    /// <summary>Throws for an option no reader asked for (a typo must not be ignored).</summary>
    public void RejectUnknown()
    {
        string? unknown = _values.Keys.FirstOrDefault(name => !_used.Contains(name));
        if (unknown is not null)
        {
            throw new UsageException($"unknown option {unknown}");
        }
    }
}
