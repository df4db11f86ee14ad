using Millwright.Hardware.Virtual.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Millwright.Hardware.Virtual.Tests.Board;

/// <summary>The same board against Mosquitto (the Debian package, started by the test) with password file and per-device ACL.</summary>
public sealed class VirtualBoardOnMosquittoTests
{
    [Fact]
    public async Task Frames_arrive_verified_through_mosquitto_with_per_device_logins_and_acl()
    {
        var device = TestDevice.Create("press-31");
        var stranger = TestDevice.Create("press-32");
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync(
            TestDevice.PlantId, new Dictionary<string, string> { [device.DeviceId] = device.MqttPassword, [stranger.DeviceId] = stranger.MqttPassword });
        await using TestController controller = await TestController.ConnectAsync("127.0.0.1", broker.Port, TestDevice.PlantId, MosquittoBroker.ControllerUser, broker.ControllerPassword);
        DeviceLedger ledger = controller.Add(device.DeviceId, device.Secret);
        using var directory = new TemporaryDirectory();

        using (var board = new RunningBoard(device.BoardOptions(directory.Path, broker.Port, timeScale: 10)))
        {
            await Eventually.HoldsAsync(
                () => FrameChecks.HasEveryChannel(ledger, 150) && ledger.HighestContiguous >= 100 && ledger.Statuses.Any(s => s.Online),
                TimeSpan.FromSeconds(60),
                () => $"{ledger.FrameCount} frames, contiguous to {ledger.HighestContiguous}, rejections: {string.Join("; ", ledger.Rejections)}");
            FrameChecks.AssertPlausible(ledger);
        }

        await Eventually.HoldsAsync(() => ledger.Statuses.Any(s => !s.Online), TimeSpan.FromSeconds(20), () => "no death status (Will) after power off");

        // The ACL at work: another device may not publish on this device's topics.
        using IMqttClient intruder = new MqttClientFactory().CreateMqttClient();
        await intruder.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId(stranger.DeviceId)
                .WithCredentials(stranger.DeviceId, stranger.MqttPassword).WithProtocolVersion(MqttProtocolVersion.V500).Build(),
            TestContext.Current.CancellationToken);
        MqttClientPublishResult forged = await intruder.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic($"mw/v1/{TestDevice.PlantId}/{device.DeviceId}/frames").WithPayload([1, 2, 3])
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
    }
}
