using System.Globalization;
using Millwright.Hardware.Boards.Model;

namespace Millwright.Hardware.Boards.Validation;

/// <summary>
/// Rules the schema cannot express: unique ids, references between items, value ranges of actuators, chip
/// options that only some chips have, and what a BME280 can measure.
/// </summary>
public static class StructureValidator
{
    private static readonly string[] Bme280Quantities = ["temperature", "humidity", "pressure"];

    public static IReadOnlyList<BoardIssue> Check(BoardFile board)
    {
        var issues = new List<BoardIssue>();
        CheckChipOptions(board, issues);
        CheckBuses(board, issues);
        CheckSensors(board, issues);
        CheckChannels(board, issues);
        CheckActuators(board, issues);
        return issues;
    }

    private static void CheckChipOptions(BoardFile board, List<BoardIssue> issues)
    {
        if (board.Chip == ChipVariant.Esp32 && board.Psram == PsramMode.Octal)
        {
            issues.Add(Error(ItemNames.Board + " psram", BoardRules.ChipOptions,
                "octal PSRAM exists only on the ESP32-S3 (R8 variants); an ESP32 module has none or quad PSRAM"));
        }

        if (board.Chip == ChipVariant.Esp32 && board.DebugLink == DebugLink.Usb)
        {
            issues.Add(Error(ItemNames.Board + " debugLink", BoardRules.ChipOptions,
                "the ESP32 has no USB-Serial-JTAG port: its nanoFramework debugger is always on UART0"));
        }
    }

    private static void CheckBuses(BoardFile board, List<BoardIssue> issues)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < board.Buses.Count; i++)
        {
            var bus = board.Buses[i];
            var item = ItemNames.Bus(i, bus);
            if (!seen.TryAdd(bus.Id, item))
            {
                issues.Add(Error(item, BoardRules.UniqueBusId, $"bus id \"{bus.Id}\" is already used by {seen[bus.Id]}"));
            }
        }
    }

    private static void CheckSensors(BoardFile board, List<BoardIssue> issues)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var addresses = new Dictionary<(string Bus, int Address), string>();
        for (var i = 0; i < board.Sensors.Count; i++)
        {
            var sensor = board.Sensors[i];
            var item = ItemNames.Sensor(i, sensor);
            if (!seen.TryAdd(sensor.Id, item))
            {
                issues.Add(Error(item, BoardRules.UniqueSensorId, $"sensor id \"{sensor.Id}\" is already used by {seen[sensor.Id]}"));
            }

            if (sensor.Type == SensorType.Bme280)
            {
                CheckBusAttachment(board, sensor, item, addresses, issues);
                CheckBme280Channels(i, sensor, issues);
            }
        }
    }

    private static void CheckBusAttachment(
        BoardFile board, SensorDefinition sensor, string item, Dictionary<(string, int), string> addresses, List<BoardIssue> issues)
    {
        var bus = board.FindBus(sensor.Bus ?? "");
        if (bus is null)
        {
            var known = board.Buses.Count == 0 ? "the board has no buses" : "buses: " + string.Join(", ", board.Buses.Select(b => b.Id));
            issues.Add(Error($"{item} bus", BoardRules.UnknownBus, $"no bus \"{sensor.Bus}\" ({known})"));
            return;
        }

        if (bus.Type == BusType.I2c)
        {
            if (sensor.Address is null || sensor.ChipSelectPin is not null)
            {
                issues.Add(Error(item, BoardRules.BusAttachment,
                    $"a device on I2C bus \"{bus.Id}\" needs an address (BME280: 118 = 0x76 or 119 = 0x77) and no chipSelectPin"));
            }
            else if (!addresses.TryAdd((bus.Id, sensor.Address.Value), item))
            {
                issues.Add(Error($"{item} address {sensor.Address}", BoardRules.UniqueI2cAddress,
                    $"address 0x{sensor.Address:x2} on bus \"{bus.Id}\" is already used by {addresses[(bus.Id, sensor.Address.Value)]}: two devices would answer at once"));
            }
        }
        else if (sensor.ChipSelectPin is null || sensor.Address is not null)
        {
            issues.Add(Error(item, BoardRules.BusAttachment,
                $"a device on SPI bus \"{bus.Id}\" needs a chipSelectPin and no address"));
        }
    }

    private static void CheckBme280Channels(int sensorIndex, SensorDefinition sensor, List<BoardIssue> issues)
    {
        var measured = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < sensor.Channels.Count; c++)
        {
            var channel = sensor.Channels[c];
            var item = $"{ItemNames.Channel(sensorIndex, sensor, c, channel)} quantity";
            if (!Bme280Quantities.Contains(channel.Quantity))
            {
                issues.Add(Error(item, BoardRules.Bme280Quantity,
                    $"a BME280 measures temperature, humidity and pressure, not {channel.Quantity}"));
            }
            else if (!measured.Add(channel.Quantity))
            {
                issues.Add(Error(item, BoardRules.Bme280Quantity,
                    $"{channel.Quantity} is already a channel of this BME280"));
            }
        }
    }

    private static void CheckChannels(BoardFile board, List<BoardIssue> issues)
    {
        var seen = new Dictionary<int, string>();
        for (var s = 0; s < board.Sensors.Count; s++)
        {
            var sensor = board.Sensors[s];
            for (var c = 0; c < sensor.Channels.Count; c++)
            {
                var channel = sensor.Channels[c];
                var item = ItemNames.Channel(s, sensor, c, channel);
                if (!seen.TryAdd(channel.Id, item))
                {
                    issues.Add(Error($"{item} id {channel.Id}", BoardRules.UniqueChannelId,
                        $"channel id {channel.Id} is already used by {seen[channel.Id]}: the controller could not tell their samples apart"));
                }
            }
        }
    }

    private static void CheckActuators(BoardFile board, List<BoardIssue> issues)
    {
        var seen = new Dictionary<int, string>();
        for (var i = 0; i < board.Actuators.Count; i++)
        {
            var actuator = board.Actuators[i];
            var item = ItemNames.Actuator(i, actuator);
            if (!seen.TryAdd(actuator.Id, item))
            {
                issues.Add(Error($"{item} id {actuator.Id}", BoardRules.UniqueActuatorId,
                    $"actuator id {actuator.Id} is already used by {seen[actuator.Id]}: a command would reach the wrong output"));
            }

            CheckActuatorValues(actuator, item, issues);
        }
    }

    private static void CheckActuatorValues(ActuatorDefinition actuator, string item, List<BoardIssue> issues)
    {
        var range = actuator.EffectiveRange;
        if (range.Min > range.Max)
        {
            issues.Add(Error($"{item} range", BoardRules.RangeOrder,
                $"min {Number(range.Min)} is greater than max {Number(range.Max)}: no value could ever be commanded"));
            return;
        }

        if (actuator.SafeState < range.Min || actuator.SafeState > range.Max)
        {
            issues.Add(Error($"{item} safeState", BoardRules.SafeStateInRange,
                $"safe state {Number(actuator.SafeState)} is outside the allowed range {Number(range.Min)} to {Number(range.Max)}"));
        }

        if (actuator.IsSwitch)
        {
            foreach (var (field, value) in new[] { ("safeState", actuator.SafeState), ("range min", range.Min), ("range max", range.Max) })
            {
                if (value != 0 && value != 1)
                {
                    issues.Add(Error($"{item} {field}", BoardRules.SwitchBinary,
                        $"a {actuator.Type.ToString().ToLowerInvariant()} is a switch: its values are 0 (off) and 1 (on), not {Number(value)}"));
                }
            }
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static BoardIssue Error(string item, string rule, string message) => new(IssueSeverity.Error, item, rule, message);
}
