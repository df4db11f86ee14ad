using System.Security.Cryptography;
using System.Text;
using MQTTnet;
using Millwright.Controller.Mqtt;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Mqtt;

/// <summary>The password and ACL files the docs tell operators to give Mosquitto, checked against Debian's Mosquitto
/// with the controller in external mode.</summary>
public sealed class MosquittoFilesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Password_lines_are_pbkdf2_sha512_as_mosquitto_passwd_writes_them()
    {
        string line = MosquittoPasswordFile.Line("press-01", "secret-password");

        string[] parts = line.Split(':', 2);
        Assert.Equal("press-01", parts[0]);
        string[] fields = parts[1].Split('$');
        Assert.Equal(["", "7", "101"], fields[..3]);
        byte[] salt = Convert.FromBase64String(fields[3]);
        byte[] expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("secret-password"), salt, 101, HashAlgorithmName.SHA512, 64);
        Assert.Equal(expected, Convert.FromBase64String(fields[4]));
        Assert.Throws<ArgumentException>(() => MosquittoPasswordFile.Line("a:b", "x"));
    }

    [Fact]
    public async Task Mosquitto_with_the_generated_files_lets_devices_and_the_controller_work_and_nothing_else()
    {
        var press = new TestDevice(RunningController.Plant, "press-01");
        var mixer = new TestDevice(RunningController.Plant, "mixer-01");
        const string ControllerUser = "millwright-controller";
        const string ControllerPassword = "controller-test-password";
        string passwords = MosquittoPasswordFile.Write(
            [(ControllerUser, ControllerPassword), (press.DeviceId, press.Keys.MqttPassword), (mixer.DeviceId, mixer.Keys.MqttPassword)]);
        await using MosquittoServer mosquitto = await MosquittoServer.StartAsync(passwords, MosquittoAcl.Write(RunningController.Plant, [ControllerUser]));
        await using RunningController controller = await RunningController.StartAsync(
            "--mqtt-mode", "External", "--broker-host", "127.0.0.1", "--broker-port", mosquitto.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--broker-user", ControllerUser, "--broker-client-id", ControllerUser, $"--Millwright:Mqtt:External:Password={ControllerPassword}",
            "--shared-group", "ingest");
        await controller.AddAsync(press);
        await controller.AddAsync(mixer);
        await Eventually.TrueAsync(() => controller.Services.GetService(typeof(IControllerLink)) is IControllerLink { IsConnected: true }, "the controller connected to Mosquitto");

        using IMqttClient wrongPassword = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResult refused = await wrongPassword.ConnectAsync(DeviceConnection.Options(mosquitto.Port, "press-01", "press-01", mixer.Keys.MqttPassword), Ct);
        Assert.NotEqual(MqttClientConnectResultCode.Success, refused.ResultCode);

        await using DeviceConnection device = await DeviceConnection.ConnectAsync(press, mosquitto.Port);
        await using DeviceConnection other = await DeviceConnection.ConnectAsync(mixer, mosquitto.Port);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        // Mosquitto refuses a publish outside the ACL (MQTT 5: PUBACK "not authorized"), and the frame goes nowhere.
        MqttClientPublishResult intoOther = await device.PublishAsync(mixer.FramesTopic, press.Frame(1, now));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, intoOther.ReasonCode);
        // Mosquitto grants any subscription and applies the read ACL to each message it would deliver.
        await device.SubscribeAsync(mixer.AckTopic);

        for (int seq = 1; seq <= 20; seq++)
        {
            await device.PublishFrameAsync(seq, now);
        }

        await device.WaitForAckAsync(20);
        await other.PublishFrameAsync(1, now);
        await other.WaitForAckAsync(1);
        Assert.Equal(21, await controller.Store.CountFramesAsync(Ct));
        Assert.Empty((await controller.Store.GetQuarantineAsync(new Millwright.Controller.Storage.Records.QuarantineQuery(10), Ct)).Items);
        Assert.All(device.Received, m => Assert.Equal(press.AckTopic, m.Topic));
        Assert.All(other.Received, m => Assert.Equal(mixer.AckTopic, m.Topic));
    }
}
