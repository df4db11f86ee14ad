using Microsoft.Extensions.Hosting;

namespace Millwright.Controller.Mqtt;

/// <summary>Starts and stops whichever <see cref="IControllerLink"/> the configuration chose (embedded broker or
/// external client); both are hosted services themselves.</summary>
internal sealed class MqttLinkService(IControllerLink link) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ((IHostedService)link).StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => ((IHostedService)link).StopAsync(cancellationToken);
}
