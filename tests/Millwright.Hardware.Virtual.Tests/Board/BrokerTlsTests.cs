using Millwright.Hardware.Virtual.Board;
using Millwright.Hardware.Virtual.Tests.Infrastructure;

namespace Millwright.Hardware.Virtual.Tests.Board;

/// <summary>The MQTT link over TLS: the board trusts the broker only through the CA it was given.</summary>
public sealed class BrokerTlsTests
{
    [Fact]
    public async Task Over_tls_a_board_given_the_brokers_ca_delivers_and_one_given_another_ca_never_connects()
    {
        using var certificates = TestCertificates.Create("millwright test plant CA");
        using var otherCa = TestCertificates.Create("some other CA");
        await using EmbeddedTestBroker broker = await EmbeddedTestBroker.StartAsync(certificates.Server);
        var trusting = TestDevice.Create("press-51");
        var misled = TestDevice.Create("press-52");
        broker.AddDevice(trusting.DeviceId, trusting.Secret);
        broker.AddDevice(misled.DeviceId, misled.Secret);
        await using TestController controller = await TestController.ConnectAsync("127.0.0.1", broker.Port, TestDevice.PlantId, EmbeddedTestBroker.ControllerUser, broker.ControllerPassword, tls: true);
        DeviceLedger trusted = controller.Add(trusting.DeviceId, trusting.Secret);
        DeviceLedger refused = controller.Add(misled.DeviceId, misled.Secret);
        using var directory = new TemporaryDirectory();

        using var good = new RunningBoard(WithTls(trusting.BoardOptions(directory.Sub("good"), broker.Port, timeScale: 10), certificates.CaPem));
        using var bad = new RunningBoard(WithTls(misled.BoardOptions(directory.Sub("bad"), broker.Port, timeScale: 10), otherCa.CaPem));

        await Eventually.HoldsAsync(() => trusted.FrameCount >= 50 && trusted.HighestContiguous >= 40, TimeSpan.FromSeconds(60), () => $"{trusted.FrameCount} frames over TLS");
        await Eventually.HoldsAsync(() => bad.Board.Runtime.Session!.ConnectAttempts >= 2, TimeSpan.FromSeconds(60), () => "the misled board did not retry");
        Assert.Equal(0, refused.FrameCount);
        Assert.Empty(trusted.Rejections);
    }

    private static VirtualBoardOptions WithTls(VirtualBoardOptions options, string caPem) => new()
    {
        DataDirectory = options.DataDirectory,
        BoardFile = options.BoardFile,
        DeviceId = options.DeviceId,
        PlantId = options.PlantId,
        BrokerHost = options.BrokerHost,
        BrokerPort = options.BrokerPort,
        BrokerTls = true,
        CaCertificatePem = caPem,
        Secret = options.Secret,
        TimeScale = options.TimeScale,
        Console = false,
        SyncWrites = false,
        StatusIntervalSeconds = options.StatusIntervalSeconds,
    };
}
