using Millwright.Firmware.Board;
using Millwright.Firmware.Commands;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Settings;

namespace Millwright.Firmware.Console;

/// <summary>
/// What the service console works with, set once by the firmware's wiring. Port, Clock, Settings, Keys, Records,
/// Network, Health and Board are required; the rest may be null (their parts of the console then say "unknown").
/// </summary>
public sealed class ConsoleEnvironment
{
    public ConsoleEnvironment()
    {
        ResetParticipants = new IFactoryResetParticipant[0];
    }

    public ISerialPort Port { get; set; }

    public IClock Clock { get; set; }

    public SettingsStore Settings { get; set; }

    public IKeyStore Keys { get; set; }

    public IRecordStore Records { get; set; }

    public INetworkInterface Network { get; set; }

    public IHealthSource Health { get; set; }

    public BoardDescription Board { get; set; }

    /// <summary>Sensors for the self-test (null: sensors are reported as not bound).</summary>
    public IBoardIo Io { get; set; }

    public IConsoleStatusSource Status { get; set; }

    /// <summary>The command executor's view of the actuators, for the self-test and status.</summary>
    public IActuatorSafetyView Actuators { get; set; }

    /// <summary>Whatever else a factory reset must erase (the outbox, ...). Never null.</summary>
    public IFactoryResetParticipant[] ResetParticipants { get; set; }

    /// <summary>Told when settings or the secret change, so the running firmware can pick them up (may be null).</summary>
    public IConfigurationListener Listener { get; set; }
}
