using Millwright.Firmware.Board;
using Millwright.Firmware.Components;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Components;

public sealed class ComponentRegistryTests
{
    private const long Second = 1_000_000;

    private static FakeSensors AllSensors()
    {
        var io = new FakeSensors();
        io.Add(BoardFixtures.Temperature, 21f);
        io.Add(BoardFixtures.Humidity, 40f);
        io.Add(BoardFixtures.Pressure, 1013f);
        io.Add(BoardFixtures.Thermocouple, 80f);
        return io;
    }

    [Fact]
    public void Channels_sharing_a_sensor_name_become_one_component_in_board_order()
    {
        var registry = ComponentRegistry.FromBoard(BoardFixtures.Bme280AndThermocouple(), AllSensors(), 4, Second, Second);

        Assert.Equal(2, registry.Count);
        Assert.Equal(6, registry.Capacity);
        var bme = Assert.IsType<SensorComponent>(registry[0]);
        Assert.Equal("bme280", bme.Name);
        Assert.Equal([1, 2, 3], Enumerable.Range(0, bme.ChannelCount).Select(s => bme.ChannelAt(s).ChannelId));
        Assert.Equal("max31855", registry[1].Name);

        Assert.True(registry.FindChannel(BoardFixtures.Pressure, out var sensor, out int slot));
        Assert.Same(bme, sensor);
        Assert.Equal(2, slot);
        Assert.False(registry.FindChannel(99, out _, out _));
        Assert.Same(bme, registry.Find("bme280"));
        Assert.Null(registry.Find("nope"));
    }

    [Fact]
    public void A_sensor_missing_from_the_board_binding_fails_alone()
    {
        var io = AllSensors();
        io.Channels.Remove(BoardFixtures.Thermocouple);
        var registry = ComponentRegistry.FromBoard(BoardFixtures.Bme280AndThermocouple(), io, 0, Second, Second);

        registry.SetupAll(0);

        Assert.Equal(ComponentState.Ok, registry.Find("bme280").Health.State);
        Assert.True(registry.Find("max31855").Health.IsFailed);
        Assert.Equal(1, registry.FailedCount);
        var names = new string[4];
        Assert.Equal(1, registry.CopyFailedNames(names));
        Assert.Equal("max31855", names[0]);
    }

    [Fact]
    public void A_board_binding_that_throws_for_a_channel_gives_that_channel_no_driver()
    {
        var registry = ComponentRegistry.FromBoard(BoardFixtures.Bme280AndThermocouple(), new ThrowingBoardIo(), 0, Second, Second);

        registry.SetupAll(0);

        Assert.Equal(2, registry.FailedCount);
        Assert.EndsWith("no driver on this board", registry[0].Health.LastError);
    }

    [Fact]
    public void A_component_that_throws_in_setup_or_update_is_marked_failed_and_the_others_still_run()
    {
        var registry = new ComponentRegistry(3);
        var throwing = new ThrowingComponent("broken");
        var counting = new CountingComponent("counter");
        registry.Add(throwing);
        registry.Add(counting);

        registry.SetupAll(5);
        registry.UpdateAll(6);
        registry.UpdateAll(7);

        Assert.True(throwing.Health.IsFailed);
        Assert.Equal("update threw: stuck", throwing.Health.LastError);
        Assert.Equal(3, throwing.Health.ErrorCount);
        Assert.Equal(1, counting.Setups);
        Assert.Equal(2, counting.Updates);
        Assert.Equal(ComponentState.Ok, counting.Health.State);
    }

    [Fact]
    public void Names_are_unique_and_capacity_is_fixed()
    {
        var registry = new ComponentRegistry(1);
        registry.Add(new CountingComponent("a"));

        Assert.Throws<ArgumentException>(() => registry.Add(new CountingComponent("b")));
        var roomy = new ComponentRegistry(2);
        roomy.Add(new CountingComponent("a"));
        Assert.Throws<ArgumentException>(() => roomy.Add(new CountingComponent("a")));
    }

    [Fact]
    public void A_channel_without_a_sensor_name_is_a_sensor_of_its_own()
    {
        var board = new BoardDescription("b", [new ChannelDescription(4, "flow", "l/min", "")], []);

        var registry = ComponentRegistry.FromBoard(board, new FakeSensors(), 0, Second, Second);

        Assert.Equal("channel-4", registry[0].Name);
    }

    private sealed class ThrowingBoardIo : IBoardIo
    {
        public Millwright.Firmware.Hardware.ISensorChannel GetSensor(int channelId) => throw new InvalidOperationException("no bus");

        public Millwright.Firmware.Hardware.IActuatorOutput GetActuator(int actuatorId) => throw new InvalidOperationException("no bus");
    }

    private sealed class ThrowingComponent(string name) : IComponent
    {
        public string Name => name;

        public ComponentHealth Health { get; } = new();

        public void Setup(long nowMicros) => throw new InvalidOperationException("no answer");

        public void Update(long nowMicros) => throw new InvalidOperationException("stuck");

        public string DescribeConfig() => "throws";
    }

    private sealed class CountingComponent(string name) : IComponent
    {
        public string Name => name;

        public ComponentHealth Health { get; } = new();

        public int Setups { get; private set; }

        public int Updates { get; private set; }

        public void Setup(long nowMicros)
        {
            Setups++;
            Health.MarkOk(nowMicros);
        }

        public void Update(long nowMicros) => Updates++;

        public string DescribeConfig() => "counts";
    }
}
