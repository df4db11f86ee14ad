using System.Threading;
using Millwright.Firmware.Console;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// Notes that the console committed settings or installed the secret; the runtime applies the change at the start of
/// its next step, between two complete iterations, never in the middle of the console's command.
/// </summary>
public sealed class ConfigurationChangeFlag : IConfigurationListener
{
    private int _changed;

    public void OnSettingsCommitted()
    {
        Interlocked.Exchange(ref _changed, 1);
    }

    public void OnSecretInstalled()
    {
        Interlocked.Exchange(ref _changed, 1);
    }

    /// <summary>True once per batch of changes.</summary>
    public bool Take()
    {
        return Interlocked.Exchange(ref _changed, 0) == 1;
    }
}
