using Microsoft.Extensions.Options;
using Millwright.Protocol.Topics;

namespace Millwright.Controller.Configuration;

/// <summary>Checks <see cref="ControllerOptions"/> at start; every message names its key.</summary>
internal sealed class ControllerOptionsValidator : IValidateOptions<ControllerOptions>
{
    public ValidateOptionsResult Validate(string? name, ControllerOptions options)
    {
        var checks = new OptionChecks();
        checks.NotEmpty("Millwright:DataDirectory", options.DataDirectory);
        if (!Identifiers.IsValid(options.PlantId))
        {
            checks.Fail(
                $"Millwright:PlantId must be 1-{Identifiers.MaxLength} characters of a-z, 0-9, '-' or '_', starting with a letter or digit (is '{options.PlantId}')");
        }

        return checks.Result();
    }
}
