using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Configuration;

namespace Millwright.Controller.Hosting;

/// <summary>
/// Validates every options class at once, before any service is built, and reports all failures together (the
/// host's own ValidateOnStart would stop at the first service whose constructor reads a bad option).
/// </summary>
internal static class OptionsCheck
{
    internal static void ThrowIfInvalid(IServiceProvider services)
    {
        var failures = new List<string>();
        Collect<ControllerOptions>(services, failures);
        Collect<MqttOptions>(services, failures);
        Collect<IngestOptions>(services, failures);
        Collect<ApiOptions>(services, failures);
        Collect<AnchorOptions>(services, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(ControllerOptions.Section, typeof(ControllerOptions), failures);
        }
    }

    private static void Collect<TOptions>(IServiceProvider services, List<string> failures)
        where TOptions : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            failures.AddRange(e.Failures);
        }
    }
}
