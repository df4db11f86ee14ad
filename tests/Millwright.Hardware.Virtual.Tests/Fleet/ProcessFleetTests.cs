using Millwright.Hardware.Virtual.Cli;
using Millwright.Hardware.Virtual.Fleet;
using Millwright.Hardware.Virtual.Tests.Infrastructure;

namespace Millwright.Hardware.Virtual.Tests.Fleet;

/// <summary>The fleet runner's fault mode: one process per board, SIGKILLed at random and restarted by the runner.</summary>
public sealed class ProcessFleetTests
{
    [Fact]
    public async Task Boards_killed_at_random_are_restarted_and_their_records_stay_complete()
    {
        Assert.True(File.Exists(TestPaths.VirtualBoardDll));
        await using EmbeddedTestBroker broker = await EmbeddedTestBroker.StartAsync();
        await using TestController controller = await TestController.ConnectAsync("127.0.0.1", broker.Port, TestDevice.PlantId, EmbeddedTestBroker.ControllerUser, broker.ControllerPassword);
        using var directory = new TemporaryDirectory();
        var options = new FleetOptions
        {
            Count = 2,
            PlantId = TestDevice.PlantId,
            BrokerHost = "127.0.0.1",
            BrokerPort = broker.Port,
            DataDirectory = directory.Path,
            BoardFile = TestPaths.VirtualBoardFile,
            TimeScale = 10,
            SamplePeriodMilliseconds = 500,
            ProcessPerBoard = true,
            KillEverySeconds = 5,
            StatusIntervalSeconds = 1,
        };

        using var fleet = new ProcessFleet(options, TextWriter.Null, TextWriter.Null);
        foreach (string device in options.DeviceIds())
        {
            byte[] secret = SecretFile.Read(Path.Combine(options.DirectoryOf(device), FleetRegistration.SecretFileName));
            broker.AddDevice(device, secret);
            controller.Add(device, secret);
        }

        fleet.Start();
        await Eventually.HoldsAsync(
            () =>
            {
                fleet.Supervise();
                return fleet.Kills >= 3 && fleet.Restarts >= 3 && options.DeviceIds().All(d => controller.Ledger(d).FrameCount >= 40);
            },
            TimeSpan.FromSeconds(90),
            () => $"kills {fleet.Kills}, restarts {fleet.Restarts}, frames {string.Join(", ", options.DeviceIds().Select(d => controller.Ledger(d).FrameCount))}");

        Assert.All(options.DeviceIds(), device =>
        {
            DeviceLedger ledger = controller.Ledger(device);
            Assert.Empty(ledger.Missing(ledger.HighestContiguous));
            Assert.Equal(0, ledger.Conflicts);
            Assert.Empty(ledger.Rejections);
        });
    }
}
