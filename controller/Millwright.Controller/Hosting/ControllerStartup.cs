using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Millwright.Controller.Api;
using Millwright.Controller.Devices;
using Millwright.Controller.Metrics;
using Millwright.Controller.Storage;

namespace Millwright.Controller.Hosting;

/// <summary>
/// The first thing the controller does, before MQTT and ingest start: migrate the store, load the device keys, and
/// at first start create the API token and show it once on the console (never in the logs).
/// </summary>
internal sealed partial class ControllerStartup(
    IControllerStore store,
    IDeviceKeyring keyring,
    ApiTokens tokens,
    ControllerConsole console,
    ControllerReadiness readiness,
    PrometheusTextExporter metricsExporter,
    ILogger<ControllerStartup> logger) : IHostedService
{
    // The exporter is a constructor dependency so that it listens before anything is measured (a MeterListener
    // does not see measurements made before it started).
    internal PrometheusTextExporter MetricsExporter { get; } = metricsExporter;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        int version = await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await keyring.RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
        LogStoreReady(version);
        string? token = await tokens.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            TextWriter output = console.Output;
            await output.WriteLineAsync("millwright: first start — the API bearer token is shown ONLY NOW; keep it safe:").ConfigureAwait(false);
            await output.WriteLineAsync($"  {token}").ConfigureAwait(false);
            await output.WriteLineAsync("  (send it as 'Authorization: Bearer <token>'; POST /api/tokens/rotate replaces it)").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        readiness.StoreReady = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready at schema version {Version}; device keys loaded")]
    private partial void LogStoreReady(int version);
}
