using Millwright.Firmware.Board;
using Millwright.Hardware.Boards.Conversion;
using Millwright.Hardware.Boards.Loading;

namespace Millwright.Hardware.Boards.Tests.Conversion;

/// <summary>The committed boards, converted to the firmware's BoardDescription and BoardWiring.</summary>
public sealed class BoardConverterTests
{
    private static BoardDescription Description(string fileName) => BoardConverter.ToDescription(BoardLoader.LoadValid(TestPaths.Board(fileName)));

    private static BoardWiring Wiring(string fileName) => BoardConverter.ToWiring(BoardLoader.LoadValid(TestPaths.Board(fileName)));

    [Theory]
    [InlineData("esp32-devkitc.json")]
    [InlineData("esp32-s3-devkitc.json")]
    [InlineData("virtual.json")]
    public void Every_board_has_the_plant_channels_and_actuators(string fileName)
    {
        var board = Description(fileName);

        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), board.Name);
        Assert.Equal(1000, board.DefaultSamplePeriodMilliseconds);
        Assert.Equal(115200, board.ConsoleBaudRate);
        Assert.Equal("8N1", board.ConsoleFraming);
        Assert.Equal(
            [
                (1, "temperature", "degC", "env", 5000, 1),
                (2, "humidity", "%RH", "env", 5000, 1),
                (3, "pressure", "hPa", "env", 5000, 1),
                (4, "vibration", "g", "vibration", 100, 4),
                (5, "motor-current", "A", "motor-current", 500, 8),
            ],
            board.Channels.Select(c => (c.ChannelId, c.Name, c.Unit, c.Sensor, c.PeriodMilliseconds, c.Oversample)));

        var relay = board.Actuators[0];
        Assert.Equal((1, "coolant-pump", ActuatorKind.Switch, 0f, 0f, 1f), (relay.ActuatorId, relay.Name, relay.Kind, relay.SafeValue, relay.Minimum, relay.Maximum));
        Assert.Equal((10000, 10000, 4), (relay.MinimumOnMilliseconds, relay.MinimumOffMilliseconds, relay.MaxChangesPerMinute));
        var fan = board.Actuators[1];
        Assert.Equal((2, "extraction-fan", ActuatorKind.Pwm, 1f, 0.2f, 1f), (fan.ActuatorId, fan.Name, fan.Kind, fan.SafeValue, fan.Minimum, fan.Maximum));
        Assert.Equal((0, 0, 30), (fan.MinimumOnMilliseconds, fan.MinimumOffMilliseconds, fan.MaxChangesPerMinute));
        Assert.Equal(2, board.Actuators.Length);
    }

    [Fact]
    public void The_virtual_board_is_the_devkitc_by_another_name()
    {
        var virtualBoard = Description("virtual.json");
        var devKitC = Description("esp32-devkitc.json");

        Assert.Equal(
            BoardSnapshot.Describe(devKitC).Replace("board esp32-devkitc ", "board virtual ", StringComparison.Ordinal),
            BoardSnapshot.Describe(virtualBoard));
        Assert.Equal(BoardSnapshot.Describe(Wiring("esp32-devkitc.json"), withChipFacts: false), BoardSnapshot.Describe(Wiring("virtual.json"), withChipFacts: false));
        Assert.Equal("virtual", Wiring("virtual.json").Chip);
        Assert.All(Wiring("virtual.json").Sensors, sensor => Assert.Equal((0, -1), (sensor.AdcUnit, sensor.AdcChannel)));
    }

    [Fact]
    public void DevKitC_wiring_has_the_bme280_on_i2c_and_the_analog_channels_on_adc1()
    {
        var wiring = Wiring("esp32-devkitc.json");

        Assert.Equal(("esp32", "COM2", 17, 16), (wiring.Chip, wiring.ConsolePort, wiring.ConsoleTxPin, wiring.ConsoleRxPin));
        var bus = Assert.Single(wiring.Buses);
        Assert.Equal(("i2c1", BusKind.I2c, 1, 100000, 21, 22), (bus.Id, bus.Kind, bus.Controller, bus.FrequencyHz, bus.SdaPin, bus.SclPin));
        Assert.Equal(BoardWiring.NoPin, bus.SckPin);

        var env = wiring.FindSensor("env")!;
        Assert.Equal((SensorKind.Bme280, "i2c1", 0x76, BoardWiring.NoPin), (env.Kind, env.BusId, env.Address, env.Pin));
        Assert.Equal(["temperature", "humidity", "pressure"], env.Channels.Select(channel => channel.Quantity));

        var vibration = wiring.FindSensor("vibration")!;
        Assert.Equal((SensorKind.Adc, 34, 1, 6, 12f), (vibration.Kind, vibration.Pin, vibration.AdcUnit, vibration.AdcChannel, vibration.AttenuationDb));
        var current = wiring.FindSensor("motor-current")!;
        Assert.Equal((35, 1, 7), (current.Pin, current.AdcUnit, current.AdcChannel));

        Assert.Equal((ActuatorKind.Switch, 26, false), (wiring.FindActuator(1)!.Kind, wiring.FindActuator(1)!.Pin, wiring.FindActuator(1)!.ActiveLow));
        Assert.Equal((ActuatorKind.Pwm, 25, 25000), (wiring.FindActuator(2)!.Kind, wiring.FindActuator(2)!.Pin, wiring.FindActuator(2)!.FrequencyHz));
    }

    [Fact]
    public void S3_wiring_has_the_bme280_on_spi_and_the_analog_channels_on_adc1()
    {
        var wiring = Wiring("esp32-s3-devkitc.json");

        Assert.Equal(("esp32-s3", "COM2", 17, 18), (wiring.Chip, wiring.ConsolePort, wiring.ConsoleTxPin, wiring.ConsoleRxPin));
        var bus = Assert.Single(wiring.Buses);
        Assert.Equal((BusKind.Spi, 12, 11, 13, BoardWiring.NoPin), (bus.Kind, bus.SckPin, bus.MosiPin, bus.MisoPin, bus.SdaPin));
        var env = wiring.FindSensor("env")!;
        Assert.Equal(("spi1", 10, -1), (env.BusId, env.ChipSelectPin, env.Address));
        Assert.Equal((4, 1, 3), (wiring.FindSensor("vibration")!.Pin, wiring.FindSensor("vibration")!.AdcUnit, wiring.FindSensor("vibration")!.AdcChannel));
        Assert.Equal((5, 1, 4), (wiring.FindSensor("motor-current")!.Pin, wiring.FindSensor("motor-current")!.AdcUnit, wiring.FindSensor("motor-current")!.AdcChannel));
        Assert.Equal([14, 21], wiring.Actuators.Select(actuator => actuator.Pin));
    }

    [Fact]
    public void Calibration_maps_pin_volts_to_units_and_back()
    {
        var wiring = Wiring("esp32-devkitc.json");
        var vibration = wiring.FindChannel(4)!;
        var current = wiring.FindChannel(5)!;

        Assert.Equal(0f, vibration.Calibrate(1.65f), 4);
        Assert.Equal(1f, vibration.Calibrate(1.98f), 4);
        Assert.Equal(50f, current.Calibrate(2.5f), 4);
        Assert.Equal(1.65f, vibration.Uncalibrate(0f), 4);
        Assert.Equal(21.5f, wiring.FindChannel(1)!.Calibrate(21.5f));
        Assert.Same(wiring.FindSensor("motor-current"), wiring.FindSensorOfChannel(5));
        Assert.Null(wiring.FindChannel(99));
        Assert.Null(wiring.FindActuator(99));
        Assert.Null(wiring.FindBus("spi9"));
    }

    [Theory]
    [InlineData(", \"framing\": \"8E2\"", "8E2")]
    [InlineData(", \"framing\": \"8O1\"", "8O1")]
    [InlineData("", "8N1")]
    public void The_console_framing_comes_from_the_board_file_and_is_8N1_when_it_says_none(string field, string expected)
    {
        string text = File.ReadAllText(TestPaths.Board("esp32-devkitc.json")).Replace(", \"framing\": \"8N1\"", field, StringComparison.Ordinal);
        string path = Path.Combine(Path.GetTempPath(), $"framing-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        try
        {
            Assert.Equal(expected, BoardConverter.ToDescription(BoardLoader.LoadValid(path)).ConsoleFraming);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
