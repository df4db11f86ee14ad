using System.Globalization;

namespace Millwright.Controller.Configuration;

/// <summary>Collects option failures, each message starting with the configuration key it is about.</summary>
internal sealed class OptionChecks
{
    private readonly List<string> _failures = [];

    internal IReadOnlyList<string> Failures => _failures;

    internal void Port(string key, int value)
    {
        if (value is < 1 or > 65535)
        {
            _failures.Add($"{key} must be 1-65535 (is {value.ToString(CultureInfo.InvariantCulture)})");
        }
    }

    internal void Range(string key, long value, long minimum, long maximum, string? why = null)
    {
        if (value < minimum || value > maximum)
        {
            string suffix = why is null ? string.Empty : $" ({why})";
            _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be {minimum}-{maximum}{suffix} (is {value})"));
        }
    }

    internal void Duration(string key, TimeSpan value, TimeSpan minimum, TimeSpan maximum)
    {
        if (value < minimum || value > maximum)
        {
            _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {minimum:c} and {maximum:c} (is {value:c})"));
        }
    }

    internal void NotEmpty(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _failures.Add($"{key} must not be empty");
        }
    }

    internal void Fail(string message) => _failures.Add(message);

    internal Microsoft.Extensions.Options.ValidateOptionsResult Result() =>
        _failures.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(_failures);
}
