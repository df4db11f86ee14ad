using System.Text;

namespace Millwright.Controller.Cli;

/// <summary>
/// Reads one secret line (a Wi-Fi password, a device secret) from standard input. Typed at a terminal, nothing is
/// echoed (the prompt goes to standard error, so piped output stays clean); from a pipe or a file, the line is read
/// as is. Never from the command line, so it stays out of shell history and the process list.
/// </summary>
internal static class HiddenInput
{
    public static string ReadLine(TextReader input, string prompt)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return input.ReadLine() ?? string.Empty;
        }

        Console.Error.Write($"{prompt}: ");
        var typed = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
