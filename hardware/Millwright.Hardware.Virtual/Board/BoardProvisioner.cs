using System.Security.Cryptography;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Settings;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>
/// Puts the identity, broker and secret given on the command line into the board's flash before it boots, through the
/// firmware's own settings store and key file — what a factory or a technician's console session would leave there.
/// Settings are committed only when they differ, so restarts do not wear the flash. A data directory that already holds
/// another secret is refused: replacing a secret is a deliberate factory reset, as on a real node.
/// </summary>
internal static class BoardProvisioner
{
    public static void Apply(IRecordStore store, IKeyStore keys, VirtualBoardOptions options)
    {
        if (options.Secret is { } secret)
        {
            byte[]? installed = keys.ReadSecret();
            if (installed is null)
            {
                keys.WriteSecret(secret);
            }
            else if (!CryptographicOperations.FixedTimeEquals(installed, secret))
            {
                throw new InvalidOperationException(
                    $"{options.DataDirectory} holds another device secret: use a new data directory, or factory-reset the board over its console first");
            }
        }

        if (options.DeviceId is null)
        {
            return;
        }

        var settings = new SettingsStore(store);
        settings.Load();
        DeviceSettings wanted = settings.Active.Clone();
        wanted.DeviceId = options.DeviceId;
        wanted.PlantId = options.PlantId ?? wanted.PlantId;
        wanted.BrokerHost = options.BrokerHost ?? wanted.BrokerHost;
        wanted.BrokerPort = options.BrokerHost is null ? wanted.BrokerPort : options.BrokerPort;
        wanted.BrokerTls = options.BrokerHost is null ? wanted.BrokerTls : options.BrokerTls;
        wanted.SamplePeriodMilliseconds = options.SamplePeriodMilliseconds ?? wanted.SamplePeriodMilliseconds;
        if (settings.LoadProblem is null && Same(settings.Active, wanted))
        {
            return;
        }

        string? problem = settings.Commit(wanted);
        if (problem is not null)
        {
            throw new ArgumentException("the board's settings were refused: " + problem);
        }
    }

    private static bool Same(DeviceSettings a, DeviceSettings b) =>
        a.DeviceId == b.DeviceId && a.PlantId == b.PlantId && a.WifiSsid == b.WifiSsid && a.WifiPassword == b.WifiPassword &&
        a.BrokerHost == b.BrokerHost && a.BrokerPort == b.BrokerPort && a.BrokerTls == b.BrokerTls &&
        a.SamplePeriodMilliseconds == b.SamplePeriodMilliseconds;
}
