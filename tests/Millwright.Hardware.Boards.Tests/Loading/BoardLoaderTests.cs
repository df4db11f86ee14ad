using Millwright.Hardware.Boards.Loading;
using Millwright.Hardware.Boards.Validation;

namespace Millwright.Hardware.Boards.Tests.Loading;

public sealed class BoardLoaderTests
{
    [Theory]
    [InlineData("esp32-devkitc.json")]
    [InlineData("esp32-s3-devkitc.json")]
    [InlineData("virtual.json")]
    public void Committed_boards_load_without_errors_or_warnings(string fileName)
    {
        var result = BoardLoader.Load(TestPaths.Board(fileName));

        BoardJson.AssertValidWithoutIssues(result);
        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), result.Board!.Name);
    }

    [Fact]
    public void A_schema_error_stops_loading_before_the_pin_rules()
    {
        // Both wrong: the pin's type (schema) and, were it a number, a flash pin. Only the first is reported,
        // because the C# rules need a document of the right shape.
        var result = BoardJson.LoadChanged("esp32-devkitc.json", board =>
        {
            board["actuators"]![0]!["pin"] = "6";
            board["actuators"]![1]!["pin"] = 7;
        });

        var error = Assert.Single(result.Errors);
        Assert.Equal(("actuators[0] \"coolant-pump\" pin", "schema/type"), (error.Item, error.Rule));
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_not_only_the_first()
    {
        var result = BoardJson.LoadChanged("esp32-devkitc.json", board =>
        {
            board["actuators"]![0]!["pin"] = 6;
            board["sensors"]![1]!["pin"] = 4;
            board["console"]!["uart"] = "COM1";
        });

        Assert.Equal(
            [BoardRules.ConsoleUart, BoardRules.Adc2WithWifi, BoardRules.FlashPin],
            result.Errors.Select(error => error.Rule));
    }

    [Fact]
    public void The_embedded_schema_is_the_committed_schema()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.Boards, "board.schema.json")), BoardSchema.Text);
    }

    [Fact]
    public void Board_files_point_editors_at_the_schema()
    {
        foreach (var path in Directory.GetFiles(TestPaths.Boards, "*.json").Where(path => !path.EndsWith(".schema.json", StringComparison.Ordinal)))
        {
            Assert.Contains("\"$schema\": \"./board.schema.json\"", File.ReadAllText(path), StringComparison.Ordinal);
        }
    }
}
