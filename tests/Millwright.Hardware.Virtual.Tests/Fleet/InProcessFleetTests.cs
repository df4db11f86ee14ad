using Millwright.Hardware.Virtual.Cli;
using Millwright.Hardware.Virtual.Fleet;
using Millwright.Hardware.Virtual.Tests.Infrastructure;

namespace Millwright.Hardware.Virtual.Tests.Fleet;

/// <summary>Several boards in one process: each its own id, secret (registered once, owner-only files) and machine.</summary>
public sealed class InProcessFleetTests
{
    [Fact]
    public async Task Every_board_of_the_fleet_delivers_frames_signed_with_its_own_secret()
    {
        await using EmbeddedTestBroker broker = await EmbeddedTestBroker.StartAsync();
        await using TestController controller = await TestController.ConnectAsync("127.0.0.1", broker.Port, TestDevice.PlantId, EmbeddedTestBroker.ControllerUser, broker.ControllerPassword);
        using var directory = new TemporaryDirectory();
        var options = new FleetOptions
        {
            Count = 3,
            Prefix = "mill-",
            PlantId = TestDevice.PlantId,
            BrokerHost = "127.0.0.1",
            BrokerPort = broker.Port,
            DataDirectory = directory.Path,
            BoardFile = TestPaths.VirtualBoardFile,
            TimeScale = 20,
            SamplePeriodMilliseconds = 1000,
            SyncWrites = false,
            Workers = 2,
        };
        var announced = new StringWriter();

        // The fleet makes the secrets; the controller learns them from the registration files, as `device add` would.
        using (var fleet = new InProcessFleet(options, announced, TextWriter.Null))
        {
            foreach (string device in options.DeviceIds())
            {
                string secretFile = Path.Combine(options.DirectoryOf(device), FleetRegistration.SecretFileName);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));
                byte[] secret = SecretFile.Read(secretFile);
                broker.AddDevice(device, secret);
                controller.Add(device, secret);
            }

            fleet.Start();
            await Eventually.HoldsAsync(
                () => options.DeviceIds().All(d => controller.Ledger(d).FrameCount >= 30),
                TimeSpan.FromSeconds(60),
                () => string.Join(", ", options.DeviceIds().Select(d => $"{d}: {controller.Ledger(d).FrameCount}")));

            Assert.Equal(3, fleet.Totals().Boards);
            Assert.All(options.DeviceIds(), d => Assert.Empty(controller.Ledger(d).Rejections));
            // Each board has its own machine: their readings differ.
            var currents = options.DeviceIds().Select(d => Board.FrameChecks.Values(controller.Ledger(d).Frames.Values, 5).Take(20).ToArray()).ToList();
            Assert.NotEqual(currents[0], currents[1]);
        }

        Assert.Equal(["mill-01", "mill-02", "mill-03"], options.DeviceIds());
        Assert.Equal(3, announced.ToString().Split('\n').Count(line => line.Contains("--import-secret-file", StringComparison.Ordinal)));
        string registry = Path.Combine(directory.Path, FleetRegistration.RegistryFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(registry));
        Assert.Equal(4, File.ReadAllLines(registry).Length);

        // Started again on the same directory: the same secrets, nothing announced.
        var again = new StringWriter();
        using (new InProcessFleet(options, again, TextWriter.Null))
        {
        }

        Assert.Equal(string.Empty, again.ToString());
        Assert.Equal(4, File.ReadAllLines(registry).Length);
    }
}
