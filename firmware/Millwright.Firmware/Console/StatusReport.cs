using Millwright.Firmware.Hardware;
using Millwright.Firmware.Settings;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Console;

/// <summary>
/// <c>info</c> and <c>status</c>: one line of space-separated key=value pairs each, so a tool can parse them.
/// Values never contain spaces (they are replaced by '_'); "none" stands for empty. The Wi-Fi password and the
/// secret are not among the keys.
/// </summary>
public sealed class StatusReport
{
    private readonly ConsoleOutput _output;
    private readonly ConsoleEnvironment _environment;
    private readonly SettingsCommands _settings;

    public StatusReport(ConsoleOutput output, ConsoleEnvironment environment, SettingsCommands settings)
    {
        _output = output;
        _environment = environment;
        _settings = settings;
    }

    public void Info()
    {
        DeviceSettings active = _environment.Settings.Active;
        _output.Ok(
            "device-id=" + Value(active.DeviceId) +
            " plant-id=" + Value(active.PlantId) +
            " firmware=" + Value(FirmwareInfo.Version) +
            " board=" + Value(_environment.Board.Name) +
            " key-id=" + SecretCommands.KeyIdOf(_environment) +
            " staged=" + (_settings.HasChanges ? "yes" : "no"));
    }

    public void Status()
    {
        INetworkInterface network = _environment.Network;
        IClock clock = _environment.Clock;
        IConsoleStatusSource source = _environment.Status;
        string text =
            "network=" + (network.IsConnected ? "up" : "down") +
            " ip=" + Value(network.Address) +
            " rssi=" + network.Rssi.ToString() +
            " time=" + TimeQualityName(clock.Quality) +
            " utc-us=" + clock.UtcMicros.ToString() +
            " uptime-s=" + (clock.MonotonicMicros / 1000000).ToString() +
            " free-memory=" + _environment.Health.FreeMemoryBytes.ToString() +
            " reset-reason=" + Value(_environment.Health.ResetReason);
        text += source == null
            ? " outbox-depth=unknown outbox-drops=unknown boot=unknown"
            : " outbox-depth=" + source.OutboxDepth.ToString() + " outbox-drops=" + source.OutboxDrops.ToString() +
              " boot=" + source.BootCounter.ToString();
        text += " settings=" + (_environment.Settings.LoadProblem == null ? "ok" : "damaged");
        text += " failsafe=" + (_environment.Actuators == null ? "unknown" : (_environment.Actuators.FailSafeEngaged ? "on" : "off"));
        text += " failed=" + Failed(source);
        _output.Ok(text);
    }

    public static string TimeQualityName(TimeQuality quality)
    {
        // enum.ToString() gives the number on nanoFramework.
        switch (quality)
        {
            case TimeQuality.Sntp: return "sntp";
            case TimeQuality.Controller: return "controller";
            default: return "unsynced";
        }
    }

    /// <summary>A value safe for a key=value list: "none" when empty, spaces and control characters as '_'.</summary>
    public static string Value(string text)
    {
        if (text == null || text.Length == 0)
        {
            return "none";
        }

        char[] chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (chars[i] <= ' ' || chars[i] == (char)0x7f)
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private static string Failed(IConsoleStatusSource source)
    {
        string[] failed = source == null ? new string[0] : source.FailedComponents();
        if (failed == null || failed.Length == 0)
        {
            return "none";
        }

        string text = Value(failed[0]);
        for (int i = 1; i < failed.Length; i++)
        {
            text += "," + Value(failed[i]);
        }

        return text;
    }
}
