using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Millwright.Controller.Devices;

namespace Millwright.Controller.Hosting;

/// <summary>Picks up registry changes made by other processes (the `device` CLI verbs) every two seconds. A failed
/// reload is logged and tried again; the keys already loaded stay in use.</summary>
internal sealed partial class KeyringRefresh(IDeviceKeyring keyring, TimeProvider time, ILogger<KeyringRefresh> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await keyring.RefreshAsync(force: false, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the device keys failed; the loaded keys stay in use")]
    private partial void LogRefreshFailed(Exception e);
}
