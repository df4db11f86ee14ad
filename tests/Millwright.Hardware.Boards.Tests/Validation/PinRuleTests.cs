using System.Text.Json.Nodes;
using Millwright.Hardware.Boards.Model;
using Millwright.Hardware.Boards.Validation;

namespace Millwright.Hardware.Boards.Tests.Validation;

/// <summary>Edges of the pin rules, shown by changing one thing on a real board.</summary>
public sealed class PinRuleTests
{
    [Fact]
    public void Input_only_pins_may_be_inputs_uart_rx_and_spi_miso()
    {
        var result = BoardJson.LoadChanged("esp32-devkitc.json", board =>
        {
            board["console"]!["rxPin"] = 39;
            board["buses"]!.AsArray().Add(JsonNode.Parse("""{ "id": "spi1", "type": "spi", "controller": 1, "frequencyHz": 1000000, "sckPin": 18, "mosiPin": 23, "misoPin": 36 }"""));
        });

        BoardJson.AssertValidWithoutIssues(result);
    }

    [Theory]
    [InlineData(34)]
    [InlineData(39)]
    public void Input_only_pins_cannot_drive_the_spi_clock(int pin)
    {
        var result = BoardJson.LoadChanged("esp32-devkitc.json", board =>
            board["buses"]!.AsArray().Add(JsonNode.Parse($$"""{ "id": "spi1", "type": "spi", "controller": 1, "frequencyHz": 1000000, "sckPin": {{pin}}, "mosiPin": 23, "misoPin": 19 }""")));

        Assert.Contains(result.Errors, error => error.Rule == BoardRules.InputOnlyPin && error.Item == $"buses[1] \"spi1\" sckPin {pin}");
    }

    [Fact]
    public void Devices_sharing_an_i2c_bus_use_its_pins_once()
    {
        var result = BoardJson.LoadChanged("esp32-devkitc.json", board =>
            board["sensors"]!.AsArray().Add(JsonNode.Parse("""
                { "id": "env-outside", "type": "bme280", "bus": "i2c1", "address": 119,
                  "channels": [ { "id": 6, "name": "outside-temperature", "quantity": "temperature", "unit": "degC" } ] }
                """)));

        BoardJson.AssertValidWithoutIssues(result);
        Assert.Equal(2, result.Board!.Sensors.Count(sensor => sensor.Bus == "i2c1"));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    public void Esp32_quad_io_flash_pins_9_and_10_are_errors_too(int pin)
    {
        // ESPHome only warns for 9-10 (free in DIO flash mode, taken in QIO mode); a board file cannot know the flash
        // mode, so we keep to ARCHITECTURE.md §7: flash pins 6-11 never.
        var result = BoardJson.LoadChanged("esp32-devkitc.json", board => board["actuators"]![0]!["pin"] = pin);

        var error = Assert.Single(result.Errors);
        Assert.Equal((BoardRules.FlashPin, $"actuators[0] \"coolant-pump\" pin {pin}"), (error.Rule, error.Item));
    }

    [Fact]
    public void A_pin_used_three_times_is_reported_for_each_later_use()
    {
        var result = BoardJson.LoadChanged("esp32-devkitc.json", board =>
        {
            board["actuators"]![0]!["pin"] = 22;
            board["actuators"]![1]!["pin"] = 22;
        });

        var errors = result.Errors.ToList();
        Assert.All(errors, error => Assert.Equal(BoardRules.PinUsedTwice, error.Rule));
        Assert.Equal(
            ["GPIO22 is already used by buses[0] \"i2c1\" sclPin 22", "GPIO22 is already used by buses[0] \"i2c1\" sclPin 22"],
            errors.Select(error => error.Message));
    }

    [Fact]
    public void The_virtual_board_has_no_pin_rules()
    {
        var result = BoardJson.LoadChanged("virtual.json", board =>
        {
            board["console"]!["uart"] = "COM1";
            board["actuators"]![0]!["pin"] = 6;
            board["actuators"]![1]!["pin"] = 6;
            board["sensors"]![1]!["pin"] = 4;
        });

        BoardJson.AssertValidWithoutIssues(result);
    }

    [Fact]
    public void The_virtual_board_keeps_its_structure_rules()
    {
        var result = BoardJson.LoadChanged("virtual.json", board => board["actuators"]![1]!["id"] = 1);

        Assert.Equal(BoardRules.UniqueActuatorId, Assert.Single(result.Errors).Rule);
    }

    [Theory]
    [InlineData(36, 1, 0)]
    [InlineData(39, 1, 3)]
    [InlineData(32, 1, 4)]
    [InlineData(35, 1, 7)]
    [InlineData(4, 2, 0)]
    [InlineData(26, 2, 9)]
    public void Esp32_adc_inputs_follow_the_esp_idf_table(int gpio, int unit, int channel) =>
        Assert.Equal(new AdcInput(unit, channel), ChipPinRules.For(ChipVariant.Esp32)!.FindAdc(gpio));

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(10, 1, 9)]
    [InlineData(11, 2, 0)]
    [InlineData(20, 2, 9)]
    public void Esp32_s3_adc_inputs_follow_the_esp_idf_table(int gpio, int unit, int channel) =>
        Assert.Equal(new AdcInput(unit, channel), ChipPinRules.For(ChipVariant.Esp32S3)!.FindAdc(gpio));

    [Theory]
    [InlineData(ChipVariant.Esp32, 21)]
    [InlineData(ChipVariant.Esp32S3, 0)]
    [InlineData(ChipVariant.Esp32S3, 21)]
    public void Pins_without_an_adc_have_none(ChipVariant chip, int gpio) =>
        Assert.Null(ChipPinRules.For(chip)!.FindAdc(gpio));

    [Fact]
    public void An_issue_reads_severity_item_rule_and_reason()
    {
        var issue = new BoardIssue(IssueSeverity.Error, "sensors[1] \"vibration\" pin 4", BoardRules.Adc2WithWifi, "why");

        Assert.Equal("error: sensors[1] \"vibration\" pin 4: adc2-wifi: why", issue.ToString());
    }
}
