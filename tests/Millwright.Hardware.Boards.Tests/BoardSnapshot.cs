using System.Globalization;
using System.Text;
using Millwright.Firmware.Board;

namespace Millwright.Hardware.Boards.Tests;

/// <summary>Every value of a BoardDescription and a BoardWiring as text, to compare two of them in one assertion.</summary>
internal static class BoardSnapshot
{
    public static string Describe(BoardDescription board)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"board {board.Name} default period {board.DefaultSamplePeriodMilliseconds} ms, console {board.ConsoleBaudRate} Bd"));
        foreach (var channel in board.Channels)
        {
            text.AppendLine(Invariant($"channel {channel.ChannelId} {channel.Name} [{channel.Unit}] sensor {channel.Sensor} period {channel.PeriodMilliseconds} oversample {channel.Oversample}"));
        }

        foreach (var actuator in board.Actuators)
        {
            text.AppendLine(Invariant($"actuator {actuator.ActuatorId} {actuator.Name} {actuator.Kind} safe {actuator.SafeValue} range {actuator.Minimum}..{actuator.Maximum} ") +
                Invariant($"on {actuator.MinimumOnMilliseconds} off {actuator.MinimumOffMilliseconds} changes {actuator.MaxChangesPerMinute}"));
        }

        return text.ToString();
    }

    /// <param name="withChipFacts">False leaves out what only a real chip has: its name and the ADC unit and channel of each pin.</param>
    public static string Describe(BoardWiring wiring, bool withChipFacts = true)
    {
        var text = new StringBuilder();
        if (withChipFacts)
        {
            text.AppendLine($"chip {wiring.Chip}");
        }

        text.AppendLine(Invariant($"console {wiring.ConsolePort} tx {wiring.ConsoleTxPin} rx {wiring.ConsoleRxPin}"));
        foreach (var bus in wiring.Buses)
        {
            text.AppendLine(Invariant($"bus {bus.Id} {bus.Kind} #{bus.Controller} {bus.FrequencyHz} Hz sda {bus.SdaPin} scl {bus.SclPin} sck {bus.SckPin} mosi {bus.MosiPin} miso {bus.MisoPin}"));
        }

        foreach (var sensor in wiring.Sensors)
        {
            text.AppendLine(Invariant($"sensor {sensor.Name} {sensor.Kind} bus {sensor.BusId ?? "-"} address {sensor.Address} cs {sensor.ChipSelectPin} pin {sensor.Pin} ") +
                (withChipFacts ? Invariant($"adc {sensor.AdcUnit}/{sensor.AdcChannel} ") : "") + Invariant($"{sensor.AttenuationDb} dB"));
            foreach (var channel in sensor.Channels)
            {
                text.AppendLine(Invariant($"  channel {channel.ChannelId} {channel.Quantity} x {channel.Scale} + {channel.Offset}"));
            }
        }

        foreach (var actuator in wiring.Actuators)
        {
            text.AppendLine(Invariant($"actuator {actuator.ActuatorId} {actuator.Kind} pin {actuator.Pin} active-low {actuator.ActiveLow} {actuator.FrequencyHz} Hz"));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
