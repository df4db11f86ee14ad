namespace Millwright.Controller.Cli;

/// <summary>A command-line mistake; the message says what was expected.</summary>
internal sealed class UsageException(string message) : Exception(message);
