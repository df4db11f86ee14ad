using Millwright.Hardware.Virtual.Tests.Infrastructure;
using Millwright.Protocol.Messages;

namespace Millwright.Hardware.Virtual.Tests.Board;

/// <summary>One virtual board (in this process, accelerated time) against an MQTTnet broker that checks device logins, and a test controller.</summary>
public sealed class VirtualBoardOnEmbeddedBrokerTests
{
    [Fact]
    public async Task Frames_arrive_verified_with_plausible_values_on_every_channel()
    {
        await using EmbeddedTestBroker broker = await EmbeddedTestBroker.StartAsync();
        var device = TestDevice.Create("press-01");
        broker.AddDevice(device.DeviceId, device.Secret);
        await using TestController controller = await TestController.ConnectAsync("127.0.0.1", broker.Port, TestDevice.PlantId, EmbeddedTestBroker.ControllerUser, broker.ControllerPassword);
        DeviceLedger ledger = controller.Add(device.DeviceId, device.Secret);
        using var directory = new TemporaryDirectory();

        using (var board = new RunningBoard(device.BoardOptions(directory.Path, broker.Port, timeScale: 10)))
        {
            await Eventually.HoldsAsync(
                () => FrameChecks.HasEveryChannel(ledger, 150) && ledger.HighestContiguous >= 100 && ledger.Statuses.Any(s => s.Online),
                TimeSpan.FromSeconds(60),
                () => $"{ledger.FrameCount} frames, contiguous to {ledger.HighestContiguous}, {ledger.Statuses.Count} statuses, rejections: {string.Join("; ", ledger.Rejections)}");

            FrameChecks.AssertPlausible(ledger);
            Assert.All(ledger.Frames.Values, f => Assert.Equal(1u, f.BootCounter));
            StatusMessage birth = ledger.Statuses.First(s => s.Online);
            Assert.Equal("virtual", birth.Board);
            Assert.Equal(FrameChecks.VirtualChannels, birth.Channels);
            Assert.Empty(birth.FailedComponents);
            Assert.True(board.Board.Runtime.Session!.AckedSequence >= 100, "the board took the controller's acks");
        }

        // Power off: the broker publishes the Will, the signed death (base64 text), which verifies like any status.
        await Eventually.HoldsAsync(() => ledger.Statuses.Any(s => !s.Online), TimeSpan.FromSeconds(20), () => "no death status after power off");
        Assert.Equal(0, broker.RefusedLogins);
    }

    [Fact]
    public async Task A_device_with_a_wrong_secret_is_refused_by_the_broker_and_stores_nothing()
    {
        await using EmbeddedTestBroker broker = await EmbeddedTestBroker.StartAsync();
        var device = TestDevice.Create("press-02");
        var impostor = device with { Secret = TestDevice.Create("x").Secret };
        broker.AddDevice(device.DeviceId, device.Secret);
        await using TestController controller = await TestController.ConnectAsync("127.0.0.1", broker.Port, TestDevice.PlantId, EmbeddedTestBroker.ControllerUser, broker.ControllerPassword);
        DeviceLedger ledger = controller.Add(device.DeviceId, device.Secret);
        using var directory = new TemporaryDirectory();

        using var board = new RunningBoard(impostor.BoardOptions(directory.Path, broker.Port, timeScale: 10));
        await Eventually.HoldsAsync(() => broker.RefusedLogins >= 1, TimeSpan.FromSeconds(30), () => "the broker refused no login");

        Assert.Equal(0, ledger.FrameCount);
        Assert.NotEqual(Millwright.Firmware.Mqtt.MqttSessionState.Online, board.Board.Runtime.Session!.State);
        Assert.True(board.Board.Runtime.Storage.Outbox!.Depth > 0, "frames wait in the outbox");
    }
}
