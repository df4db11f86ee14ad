using Millwright.Firmware.Commands;
using Millwright.Firmware.Console;
using Millwright.Firmware.Health;
using Millwright.Firmware.Settings;

namespace Millwright.Firmware.Runtime;

/// <summary>The service console's view of the node: its hardware, settings, figures, actuators and who hears of changes.</summary>
public static class ConsoleWiring
{
    public static ConsoleEnvironment For(
        NodeHardware hardware,
        RebootLatch platform,
        SettingsStore settings,
        NodeStorage storage,
        HealthReporter health,
        CommandExecutor executor,
        IConfigurationListener listener)
    {
        var environment = new ConsoleEnvironment();
        environment.Port = hardware.Serial;
        environment.Clock = hardware.Clock;
        environment.Settings = settings;
        environment.Keys = hardware.KeyStore;
        environment.Records = hardware.Store;
        environment.Network = hardware.Network;
        environment.Health = platform;
        environment.Board = hardware.Board;
        environment.Io = hardware.BoardIo;
        environment.Status = new RuntimeConsoleStatus(storage.Gauge, health, storage.BootCounter);
        environment.Actuators = executor;
        environment.ResetParticipants = new IFactoryResetParticipant[] { new OutboxFactoryReset(hardware.Store) };
        environment.Listener = listener;
        return environment;
    }
}
