using Millwright.Firmware.Board;
using Millwright.Hardware.Boards.Model;
using Millwright.Hardware.Boards.Validation;

namespace Millwright.Hardware.Boards.Conversion;

/// <summary>
/// A validated board file as the firmware's shapes: <see cref="BoardDescription"/> (channels and actuator rules, what the
/// firmware logic reads) and <see cref="BoardWiring"/> (pins and buses, what a board binding builds hardware from).
/// The generated ESP32 code builds exactly what these return (a test compares them).
/// </summary>
public static class BoardConverter
{
    public static BoardDescription ToDescription(BoardFile board)
    {
        var channels = new List<ChannelDescription>();
        foreach (var sensor in board.Sensors)
        {
            channels.AddRange(sensor.Channels.Select(channel => new ChannelDescription(channel.Id, channel.Name, channel.Unit, sensor.Id)
            {
                PeriodMilliseconds = channel.PeriodMs ?? 0,
                Oversample = Oversample(board, channel),
            }));
        }

        var actuators = board.Actuators.Select(actuator =>
        {
            var range = actuator.EffectiveRange;
            return new ActuatorDescription(actuator.Id, actuator.Name, Kind(actuator), (float)actuator.SafeState)
            {
                Minimum = (float)range.Min,
                Maximum = (float)range.Max,
                MinimumOnMilliseconds = actuator.MinOnMs,
                MinimumOffMilliseconds = actuator.MinOffMs,
                MaxChangesPerMinute = actuator.MaxChangesPerMinute,
            };
        });

        return new BoardDescription(board.Name, [.. channels], [.. actuators])
        {
            DefaultSamplePeriodMilliseconds = board.Sampling.DefaultPeriodMs,
            ConsoleBaudRate = board.Console.BaudRate,
            ConsoleFraming = board.Console.Framing,
        };
    }

    public static BoardWiring ToWiring(BoardFile board)
    {
        var buses = board.Buses.Select(bus => new BusWiring(bus.Id, bus.Type == BusType.I2c ? BusKind.I2c : BusKind.Spi, bus.Controller, bus.FrequencyHz)
        {
            SdaPin = bus.SdaPin ?? BoardWiring.NoPin,
            SclPin = bus.SclPin ?? BoardWiring.NoPin,
            SckPin = bus.SckPin ?? BoardWiring.NoPin,
            MosiPin = bus.MosiPin ?? BoardWiring.NoPin,
            MisoPin = bus.MisoPin ?? BoardWiring.NoPin,
        });

        var rules = ChipPinRules.For(board.Chip);
        var sensors = board.Sensors.Select(sensor =>
        {
            var adc = sensor.Pin is { } pin ? rules?.FindAdc(pin) : null;
            return new SensorWiring(sensor.Id, sensor.Type == SensorType.Bme280 ? SensorKind.Bme280 : SensorKind.Adc, [.. sensor.Channels.Select(Wiring)])
            {
                BusId = sensor.Bus,
                Address = sensor.Address ?? -1,
                ChipSelectPin = sensor.ChipSelectPin ?? BoardWiring.NoPin,
                Pin = sensor.Pin ?? BoardWiring.NoPin,
                AdcUnit = adc?.Unit ?? 0,
                AdcChannel = adc?.Channel ?? -1,
                AttenuationDb = (float)(sensor.AttenuationDb ?? 0),
            };
        });

        var actuators = board.Actuators.Select(actuator => new ActuatorWiring(actuator.Id, Kind(actuator), actuator.Pin)
        {
            ActiveLow = actuator.ActiveLow,
            FrequencyHz = actuator.FrequencyHz ?? 0,
        });

        return new BoardWiring(board.ChipName, [.. buses], [.. sensors], [.. actuators])
        {
            ConsolePort = board.Console.Uart,
            ConsoleTxPin = board.Console.TxPin,
            ConsoleRxPin = board.Console.RxPin,
        };
    }

    public static ActuatorKind Kind(ActuatorDefinition actuator) => actuator.IsSwitch ? ActuatorKind.Switch : ActuatorKind.Pwm;

    public static int Oversample(BoardFile board, ChannelDefinition channel) => channel.Oversample ?? board.Sampling.Oversample ?? 1;

    private static ChannelWiring Wiring(ChannelDefinition channel)
    {
        var calibration = channel.Calibration ?? CalibrationDefinition.Identity;
        return new ChannelWiring(channel.Id, channel.Quantity, (float)calibration.Scale, (float)calibration.Offset);
    }
}
