using System.Globalization;

namespace Millwright.Controller.Cli;

/// <summary>Reads `--name value` options, failing with a message that names the option and what it takes.</summary>
internal static class OptionReader
{
    internal static int ReadInt(ReadOnlySpan<string> args, ref int index, int minimum, int maximum)
    {
        string name = args[index];
        if (index + 1 >= args.Length ||
            !int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) ||
            value < minimum || value > maximum)
        {
            throw new UsageException($"{name} takes a whole number from {minimum} to {maximum}");
        }

        index++;
        return value;
    }

    internal static long ReadLong(ReadOnlySpan<string> args, ref int index, long minimum)
    {
        string name = args[index];
        if (index + 1 >= args.Length ||
            !long.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < minimum)
        {
            throw new UsageException($"{name} takes a whole number, at least {minimum}");
        }

        index++;
        return value;
    }

    /// <summary>The value after an option; a missing one, or another option in its place, is a mistake.</summary>
    internal static string ReadText(ReadOnlySpan<string> args, ref int index, string what)
    {
        if (index + 1 >= args.Length || args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"{args[index]} takes {what}");
        }

        index++;
        return args[index];
    }
}
