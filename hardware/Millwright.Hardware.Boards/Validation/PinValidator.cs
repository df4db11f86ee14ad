using Millwright.Hardware.Boards.Model;

namespace Millwright.Hardware.Boards.Validation;

/// <summary>
/// Gathers every pin the board file uses (console, buses, chip selects, ADC inputs, actuators), checks each against
/// the chip's <see cref="ChipPinRules"/>, and rejects a pin used twice. A shared I2C or SPI bus is one use of its
/// pins, however many devices are on it. A virtual board has no pins to check.
/// </summary>
public static class PinValidator
{
    public static IReadOnlyList<BoardIssue> Check(BoardFile board)
    {
        var rules = ChipPinRules.For(board.Chip);
        if (rules is null)
        {
            return [];
        }

        var issues = new List<BoardIssue>();
        if (board.Console.Uart == "COM1")
        {
            issues.Add(new BoardIssue(IssueSeverity.Error, "console uart", BoardRules.ConsoleUart,
                "COM1 is UART0, which the nanoFramework debugger owns: put the service console on COM2 or COM3"));
        }

        var uses = CollectUses(board);
        foreach (var use in uses)
        {
            issues.AddRange(rules.Check(use, board));
        }

        var owners = new Dictionary<int, PinUse>();
        foreach (var use in uses)
        {
            if (!owners.TryAdd(use.Pin, use))
            {
                issues.Add(new BoardIssue(IssueSeverity.Error, use.Item, BoardRules.PinUsedTwice,
                    $"GPIO{use.Pin} is already used by {owners[use.Pin].Item}"));
            }
        }

        return issues;
    }

    public static IReadOnlyList<PinUse> CollectUses(BoardFile board)
    {
        var uses = new List<PinUse>
        {
            new(board.Console.TxPin, PinRole.Output, "console", "txPin"),
            new(board.Console.RxPin, PinRole.Input, "console", "rxPin"),
        };

        for (var i = 0; i < board.Buses.Count; i++)
        {
            var bus = board.Buses[i];
            var owner = ItemNames.Bus(i, bus);
            Add(uses, bus.SdaPin, PinRole.Bidirectional, owner, "sdaPin");
            Add(uses, bus.SclPin, PinRole.Bidirectional, owner, "sclPin");
            Add(uses, bus.SckPin, PinRole.Output, owner, "sckPin");
            Add(uses, bus.MosiPin, PinRole.Output, owner, "mosiPin");
            Add(uses, bus.MisoPin, PinRole.Input, owner, "misoPin");
        }

        for (var i = 0; i < board.Sensors.Count; i++)
        {
            var sensor = board.Sensors[i];
            var owner = ItemNames.Sensor(i, sensor);
            Add(uses, sensor.ChipSelectPin, PinRole.Output, owner, "chipSelectPin");
            Add(uses, sensor.Pin, PinRole.Analog, owner, "pin");
        }

        for (var i = 0; i < board.Actuators.Count; i++)
        {
            var actuator = board.Actuators[i];
            uses.Add(new PinUse(actuator.Pin, PinRole.Output, ItemNames.Actuator(i, actuator), "pin"));
        }

        return uses;
    }

    private static void Add(List<PinUse> uses, int? pin, PinRole role, string owner, string field)
    {
        if (pin is { } value)
        {
            uses.Add(new PinUse(value, role, owner, field));
        }
    }
}
