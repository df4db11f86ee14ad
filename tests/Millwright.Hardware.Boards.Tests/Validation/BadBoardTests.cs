using Millwright.Hardware.Boards.Loading;
using Millwright.Hardware.Boards.Validation;

namespace Millwright.Hardware.Boards.Tests.Validation;

/// <summary>
/// One bad board file per rule in BadBoards/, named after the rule (a suffix marks a second case of the same rule).
/// Each is rejected, and only by its rule, with a message that names the item and the rule.
/// </summary>
public sealed class BadBoardTests
{
    /// <summary>File name (without .json) → the item the error must name, and the rule.</summary>
    private static readonly Dictionary<string, (string Item, string Rule)> Expected = new()
    {
        ["json-syntax"] = ("board", BoardRules.JsonSyntax),
        ["schema-required"] = ("sensors[1] \"vibration\"", "schema/required"),
        ["schema-type"] = ("sensors[1] \"vibration\" pin", "schema/type"),
        ["schema-enum"] = ("chip", "schema/enum"),
        ["schema-additional-properties"] = ("actuators[0] \"coolant-pump\" activelow", "schema/additionalProperties"),
        ["schema-not-allowed"] = ("sensors[0] \"env\" pin", "schema/not-allowed"),
        ["format-version"] = ("formatVersion", "schema/const"),
        ["period-positive"] = ("sensors[1] \"vibration\" channels[0] \"vibration\" periodMs", "schema/exclusiveMinimum"),
        ["default-period-positive"] = ("sampling defaultPeriodMs", "schema/exclusiveMinimum"),
        ["unique-bus-id"] = ("buses[1] \"i2c1\"", BoardRules.UniqueBusId),
        ["unique-sensor-id"] = ("sensors[1] \"env\"", BoardRules.UniqueSensorId),
        ["unique-channel-id"] = ("sensors[1] \"vibration\" channels[0] \"vibration\" id 1", BoardRules.UniqueChannelId),
        ["unique-actuator-id"] = ("actuators[1] \"extraction-fan\" id 1", BoardRules.UniqueActuatorId),
        ["unknown-bus"] = ("sensors[0] \"env\" bus", BoardRules.UnknownBus),
        ["bus-attachment"] = ("sensors[0] \"env\"", BoardRules.BusAttachment),
        ["unique-i2c-address"] = ("sensors[2] \"env2\" address 118", BoardRules.UniqueI2cAddress),
        ["bme280-quantity"] = ("sensors[0] \"env\" channels[0] \"temperature\" quantity", BoardRules.Bme280Quantity),
        ["range-order"] = ("actuators[1] \"extraction-fan\" range", BoardRules.RangeOrder),
        ["safe-state-in-range"] = ("actuators[1] \"extraction-fan\" safeState", BoardRules.SafeStateInRange),
        ["switch-binary"] = ("actuators[0] \"coolant-pump\" safeState", BoardRules.SwitchBinary),
        ["chip-options"] = ("board psram", BoardRules.ChipOptions),
        ["gpio-exists"] = ("actuators[0] \"coolant-pump\" pin 24", BoardRules.GpioExists),
        ["gpio-exists-s3"] = ("actuators[0] \"coolant-pump\" pin 23", BoardRules.GpioExists),
        ["flash-pin"] = ("actuators[0] \"coolant-pump\" pin 11", BoardRules.FlashPin),
        ["flash-pin-s3"] = ("actuators[0] \"coolant-pump\" pin 30", BoardRules.FlashPin),
        ["psram-pin"] = ("console txPin 17", BoardRules.PsramPin),
        ["input-only-pin"] = ("actuators[0] \"coolant-pump\" pin 36", BoardRules.InputOnlyPin),
        ["input-only-pin-i2c"] = ("buses[0] \"i2c1\" sdaPin 35", BoardRules.InputOnlyPin),
        ["debugger-pin"] = ("console txPin 1", BoardRules.DebuggerPin),
        ["debugger-pin-s3"] = ("actuators[0] \"coolant-pump\" pin 43", BoardRules.DebuggerPin),
        ["debugger-pin-s3-usb"] = ("actuators[0] \"coolant-pump\" pin 20", BoardRules.DebuggerPin),
        ["adc-pin"] = ("sensors[1] \"vibration\" pin 23", BoardRules.AdcPin),
        ["adc2-wifi"] = ("sensors[1] \"vibration\" pin 4", BoardRules.Adc2WithWifi),
        ["adc2-wifi-s3"] = ("sensors[1] \"vibration\" pin 15", BoardRules.Adc2WithWifi),
        ["console-uart"] = ("console uart", BoardRules.ConsoleUart),
        ["console-framing"] = ("console framing", "schema/enum"),
        ["pin-used-twice"] = ("actuators[0] \"coolant-pump\" pin 21", BoardRules.PinUsedTwice),
    };

    public static TheoryData<string> BadBoardNames => [.. Expected.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(BadBoardNames))]
    public void Bad_board_is_rejected_by_its_rule_with_a_message_naming_item_and_rule(string name)
    {
        var (item, rule) = Expected[name];
        var result = BoardLoader.Load(TestPaths.BadBoard(name));

        Assert.False(result.IsValid);
        Assert.Null(result.Board);
        var errors = result.Errors.ToList();
        Assert.Contains(errors, error => error.Item == item && error.Rule == rule);
        Assert.All(errors, error => Assert.Equal(rule, error.Rule));
        Assert.Contains(result.Messages, message => message.StartsWith($"{name}.json: error: {item}: {rule}: ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BadBoardNames))]
    public void Bad_board_throws_when_a_valid_board_is_required(string name)
    {
        var (item, rule) = Expected[name];

        var exception = Assert.Throws<BoardFileException>(() => BoardLoader.LoadValid(TestPaths.BadBoard(name)));

        Assert.Contains($"{item}: {rule}: ", exception.Message, StringComparison.Ordinal);
        Assert.StartsWith($"board file {name}.json is rejected:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_board_file_is_tested_and_every_tested_file_exists()
    {
        var files = Directory.GetFiles(Path.Combine(TestPaths.Tests, "BadBoards"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void Every_rule_of_the_loader_has_a_bad_or_warning_board()
    {
        var rules = typeof(BoardRules).GetFields()
            .Where(field => field.IsLiteral && field.Name != nameof(BoardRules.SchemaPrefix))
            .Select(field => (string)field.GetRawConstantValue()!);
        var covered = Expected.Values.Select(expected => expected.Rule).Concat(WarnBoardTests.CoveredRules).ToHashSet(StringComparer.Ordinal);

        Assert.Equal([], rules.Where(rule => !covered.Contains(rule)).ToArray());
    }
}
