using Millwright.Hardware.Boards.Loading;
using Millwright.Hardware.Boards.Validation;

namespace Millwright.Hardware.Boards.Tests.Validation;

/// <summary>Boards in WarnBoards/ load (warnings never reject) and carry exactly the warning of their rule.</summary>
public sealed class WarnBoardTests
{
    private static readonly Dictionary<string, (string Item, string Rule)> Expected = new()
    {
        ["strapping-pin"] = ("actuators[0] \"coolant-pump\" pin 5", BoardRules.StrappingPin),
        ["strapping-pin-s3"] = ("actuators[0] \"coolant-pump\" pin 46", BoardRules.StrappingPin),
        ["usb-jtag-pin"] = ("actuators[0] \"coolant-pump\" pin 19", BoardRules.UsbJtagPin),
        ["psram-pin-octal"] = ("actuators[0] \"coolant-pump\" pin 35", BoardRules.PsramPin),
    };

    public static IEnumerable<string> CoveredRules => Expected.Values.Select(expected => expected.Rule);

    public static TheoryData<string> WarnBoardNames => [.. Expected.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(WarnBoardNames))]
    public void Warned_board_loads_with_its_warning(string name)
    {
        var (item, rule) = Expected[name];

        var result = BoardLoader.Load(TestPaths.WarnBoard(name));

        Assert.True(result.IsValid, string.Join("\n", result.Messages));
        Assert.NotNull(BoardLoader.LoadValid(TestPaths.WarnBoard(name)));
        var warning = Assert.Single(result.Issues);
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Equal((item, rule), (warning.Item, warning.Rule));
        Assert.StartsWith($"{name}.json: warning: {item}: {rule}: ", Assert.Single(result.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_warning_board_file_is_tested()
    {
        var files = Directory.GetFiles(Path.Combine(TestPaths.Tests, "WarnBoards"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), files);
    }
}
