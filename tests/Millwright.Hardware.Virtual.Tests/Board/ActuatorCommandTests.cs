using Millwright.Hardware.Virtual.Machine;
using Millwright.Hardware.Virtual.Tests.Infrastructure;
using Millwright.Protocol.Messages;

namespace Millwright.Hardware.Virtual.Tests.Board;

/// <summary>
/// Signed commands from the test controller reach the firmware's command executor over the broker, move the board's
/// actuators, change the simulated machine, and the change shows in the signed frames; the signed result comes back.
/// </summary>
public sealed class ActuatorCommandTests
{
    private const int CoolantPump = 1;
    private const int DriveSpeed = 3;
    private const int FeedLoad = 4;

    [Fact]
    public async Task Switching_the_coolant_pump_on_cools_the_machine_in_the_frames()
    {
        await using var plant = await Plant.StartAsync("press-11");
        var machine = new MachineParameters { ProductionProgram = false, DefaultLoad = 0.8, BaseHazardPerHour = 0 };
        using var directory = new TemporaryDirectory();
        using var board = new RunningBoard(plant.Device.BoardOptions(directory.Path, plant.Broker.Port, timeScale: 200, samplePeriodMs: 1000, machine: machine));

        // Warming up under load, towards 22 + 4 + 32 = 58 °C.
        await Eventually.HoldsAsync(() => Temperatures(plant.Ledger).Any(t => t.Value > 45), TimeSpan.FromSeconds(60), () => $"max temperature {Temperatures(plant.Ledger).Select(t => t.Value).DefaultIfEmpty().Max():F1} °C");

        CommandResult result = await plant.Controller.SendCommandAsync(plant.Device.DeviceId, CoolantPump, CommandAction.On, 0).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(CommandOutcome.Executed, result.Outcome);
        Assert.Equal(1f, result.Value);
        Assert.Equal(1f, board.Board.Io.Actuators[CoolantPump].Value);
        double atCommand = Temperatures(plant.Ledger).Where(t => t.Time <= result.TimeMicros).Select(t => t.Value).Max();
        // With coolant the end temperature is 22 + 18 = 40 °C: the housing cools along its time constant.
        await Eventually.HoldsAsync(
            () => Temperatures(plant.Ledger).Any(t => t.Time > result.TimeMicros && t.Value < atCommand - 3),
            TimeSpan.FromSeconds(60),
            () => $"after the command at {atCommand:F1} °C, lowest {Temperatures(plant.Ledger).Where(t => t.Time > result.TimeMicros).Select(t => t.Value).DefaultIfEmpty(double.NaN).Min():F1} °C");
        Assert.Empty(plant.Ledger.Rejections);
    }

    [Fact]
    public async Task Setting_drive_speed_and_load_raises_current_and_vibration_and_a_refused_command_is_answered()
    {
        await using var plant = await Plant.StartAsync("press-12");
        using var directory = new TemporaryDirectory();
        using var board = new RunningBoard(plant.Device.BoardOptions(directory.Path, plant.Broker.Port, timeScale: 50, samplePeriodMs: 1000, boardFile: TestPaths.DriveBoardFile));

        // Booted safe: drive speed 0, the machine stands.
        await Eventually.HoldsAsync(() => plant.Ledger.FrameCount >= 20, TimeSpan.FromSeconds(60), () => $"{plant.Ledger.FrameCount} frames");
        Assert.Equal(MachineCondition.Idle, board.Board.Machine.ReadAt(board.Board.WorldMicros).Condition);

        CommandResult load = await plant.Controller.SendCommandAsync(plant.Device.DeviceId, FeedLoad, CommandAction.SetLevel, 0.8f).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        CommandResult speed = await plant.Controller.SendCommandAsync(plant.Device.DeviceId, DriveSpeed, CommandAction.SetLevel, 1f).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(CommandOutcome.Executed, load.Outcome);
        Assert.Equal(CommandOutcome.Executed, speed.Outcome);

        await Eventually.HoldsAsync(() => Frames(plant.Ledger, after: speed.TimeMicros).Count() >= 30, TimeSpan.FromSeconds(60), () => "frames after the commands");
        var before = Frames(plant.Ledger, after: long.MinValue).Where(f => f.TimeMicros < load.TimeMicros).ToList();
        var after = Frames(plant.Ledger, after: speed.TimeMicros).ToList();
        double currentBefore = FrameChecks.Values(before, 5).Average();
        double currentAfter = FrameChecks.Values(after, 5).Average();
        double vibrationBefore = Rms(FrameChecks.Values(before, 4));
        double vibrationAfter = Rms(FrameChecks.Values(after, 4));
        Assert.InRange(currentBefore, -0.1, 1.0);
        Assert.InRange(currentAfter, 18, 28);
        Assert.True(vibrationAfter > 3 * vibrationBefore, $"vibration RMS {vibrationBefore:F3} g → {vibrationAfter:F3} g");

        // The board's interlock refuses a value outside the range, and says so, signed.
        CommandResult refused = await plant.Controller.SendCommandAsync(plant.Device.DeviceId, DriveSpeed, CommandAction.SetLevel, 1.5f).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(CommandOutcome.Interlock, refused.Outcome);
        Assert.Equal(1f, refused.Value);
        Assert.Empty(plant.Ledger.Rejections);
    }

    private static IEnumerable<(long Time, double Value)> Temperatures(DeviceLedger ledger) =>
        ledger.Frames.Values.SelectMany(f => Enumerable.Range(0, f.SampleCount).Where(i => f.ChannelIds[i] == 1).Select(i => (f.TimeMicros, (double)f.Values[i])));

    private static IEnumerable<Frame> Frames(DeviceLedger ledger, long after) => ledger.Frames.Values.Where(f => f.TimeMicros > after);

    private static double Rms(IEnumerable<double> values) => Math.Sqrt(values.Average(v => v * v));

    /// <summary>Broker, controller and one registered device.</summary>
    private sealed class Plant : IAsyncDisposable
    {
        private Plant(EmbeddedTestBroker broker, TestController controller, TestDevice device)
        {
            Broker = broker;
            Controller = controller;
            Device = device;
            Ledger = controller.Add(device.DeviceId, device.Secret);
        }

        public EmbeddedTestBroker Broker { get; }

        public TestController Controller { get; }

        public TestDevice Device { get; }

        public DeviceLedger Ledger { get; }

        public static async Task<Plant> StartAsync(string deviceId)
        {
            EmbeddedTestBroker broker = await EmbeddedTestBroker.StartAsync();
            var device = TestDevice.Create(deviceId);
            broker.AddDevice(device.DeviceId, device.Secret);
            TestController controller = await TestController.ConnectAsync("127.0.0.1", broker.Port, TestDevice.PlantId, EmbeddedTestBroker.ControllerUser, broker.ControllerPassword);
            return new Plant(broker, controller, device);
        }

        public async ValueTask DisposeAsync()
        {
            await Controller.DisposeAsync();
            await Broker.DisposeAsync();
        }
    }
}
