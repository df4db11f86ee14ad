using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Api;
using Millwright.Controller.Configuration;
using Millwright.Controller.Devices;
using Millwright.Controller.Ingest;
using Millwright.Controller.Metrics;
using Millwright.Controller.Mqtt;
using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Sqlite;

namespace Millwright.Controller.Hosting;

/// <summary>Every service of the controller, registered in one place.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers options (bound from configuration, validated at start), storage, the device keyring, MQTT (the
    /// embedded broker or an external broker's client, by Millwright:Mqtt:Mode), the ingest pipeline, metrics and
    /// the API's services, and anchoring of the frame log's checkpoints (Millwright:Anchoring; a local Anvil chain unless
    /// an endpoint is configured). Hosted services start in this order and stop in reverse: store and keys, MQTT,
    /// ingest, anchoring — so on stop ingest drains and acks while MQTT is still up.
    /// </summary>
    public static IServiceCollection AddMillwright(this IServiceCollection services, IConfiguration configuration)
    {
        AddOptions<ControllerOptions, ControllerOptionsValidator>(services, configuration, ControllerOptions.Section);
        AddOptions<MqttOptions, MqttOptionsValidator>(services, configuration, MqttOptions.Section);
        AddOptions<IngestOptions, IngestOptionsValidator>(services, configuration, IngestOptions.Section);
        AddOptions<ApiOptions, ApiOptionsValidator>(services, configuration, ApiOptions.Section);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ControllerConsole(Console.Out));
        services.AddSingleton<ControllerReadiness>();
        services.AddSingleton<ControllerMetrics>();
        services.AddSingleton<PrometheusTextExporter>();
        services.AddSingleton<ConnectedDevices>();
        services.AddSingleton<IngestChannel>();
        services.AddSingleton<ApiTokens>();

        services.AddSingleton<IControllerStore>(sp => new SqliteControllerStore(
            new SqliteStoreOptions(sp.GetRequiredService<IOptions<ControllerOptions>>().Value.FullDataDirectory),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMerkleLogStore>(sp => sp.GetRequiredService<IControllerStore>());
        services.AddSingleton<IMerkleLogHead, StoredLogHead>();
        services.AddSingleton<DeviceKeyring>(sp => new DeviceKeyring(sp.GetRequiredService<IControllerStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDeviceKeyring>(sp => sp.GetRequiredService<DeviceKeyring>());
        services.AddSingleton(sp => new DeviceRegistry(
            sp.GetRequiredService<IControllerStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IDeviceKeyring>()));
        services.AddMillwrightJson();

        services.AddSingleton<EmbeddedBroker>();
        services.AddSingleton<ExternalBrokerLink>();
        services.AddSingleton<IControllerLink>(sp =>
            sp.GetRequiredService<IOptions<MqttOptions>>().Value.Mode == MqttMode.External
                ? sp.GetRequiredService<ExternalBrokerLink>()
                : sp.GetRequiredService<EmbeddedBroker>());

        services.AddHostedService<ControllerStartup>();
        services.AddHostedService<KeyringRefresh>();
        services.AddHostedService<MqttLinkService>();
        services.AddHostedService<IngestPipeline>();
        services.AddAnchoring(configuration);
        return services;
    }

    private static void AddOptions<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
