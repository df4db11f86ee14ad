using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Millwright.Controller.Configuration;

namespace Millwright.Controller.Anchoring;

/// <summary>Registers anchoring: one line in the host, services.AddAnchoring(configuration).</summary>
public static class AnchoringServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AnchorOptions"/> (section Millwright:Anchoring, validated at start), the chain connection and
    /// the anchoring background service. The Merkle log must register <c>IMerkleLogHead</c>: the service anchors
    /// that log's checkpoints.
    /// </summary>
    public static IServiceCollection AddAnchoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnchorOptions>().Bind(configuration.GetSection(AnchorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnchorOptions>, AnchorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AnchorStatus>();
        services.AddSingleton(sp => new AnchorChainConnection(
            sp.GetRequiredService<IOptions<AnchorOptions>>().Value,
            sp.GetRequiredService<IOptions<ControllerOptions>>().Value.FullDataDirectory,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<AnchorService>();
        return services;
    }
}
