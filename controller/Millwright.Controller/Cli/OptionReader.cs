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
}
