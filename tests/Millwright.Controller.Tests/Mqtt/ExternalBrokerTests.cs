using MQTTnet;
using Microsoft.Extensions.Options;
using Millwright.Controller.Configuration;
using Millwright.Controller.Ingest;
using Millwright.Controller.Mqtt;
using Millwright.Controller.Tests.Infrastructure;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Millwright.Controller.Tests.Mqtt;

/// <summary>The controller as a client of another broker (an MQTTnet broker here; the Mosquitto test is separate).</summary>
public sealed class ExternalBrokerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Frames_through_an_external_broker_are_stored_and_acked()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        await using RunningController controller = await RunningController.StartAsync(
            "--mqtt-mode", "External", "--broker-host", "127.0.0.1", "--broker-port", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var press = new TestDevice(RunningController.Plant, "press-01");
        await controller.AddAsync(press);
        await using DeviceConnection device = await DeviceConnection.ConnectAsync(press, broker.Port);
        DateTimeOffset now = DateTimeOffset.UtcNow;

        for (int seq = 1; seq <= 10; seq++)
        {
            await device.PublishFrameAsync(seq, now);
        }

        await device.WaitForAckAsync(10);
        Assert.Equal(10, await controller.Store.CountFramesAsync(Ct));

        // Through an external broker an unknown device's frames do arrive; they are quarantined.
        var stranger = new TestDevice(RunningController.Plant, "stranger");
        await using DeviceConnection strangerConnection = await DeviceConnection.ConnectAsync(stranger, broker.Port);
        await strangerConnection.PublishFrameAsync(1, now);
        await Eventually.TrueAsync(async () => (await controller.Store.GetQuarantineAsync(new Millwright.Controller.Storage.Records.QuarantineQuery(10), Ct)).Items.Count == 1, "the stranger's frame quarantined");
    }

    [Fact]
    public async Task Controller_state_is_online_and_the_Will_says_offline_when_the_process_is_killed()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string dataDirectory = Path.Combine(Path.GetTempPath(), "mw-test-" + Guid.NewGuid().ToString("N"));
        string stateTopic = TopicNames.ControllerState(RunningController.Plant);
        using IMqttClient observer = new MqttClientFactory().CreateMqttClient();
        var states = new System.Collections.Concurrent.ConcurrentQueue<(bool Online, bool Retained)>();
        observer.ApplicationMessageReceivedAsync += e =>
        {
            byte[] payload = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
            states.Enqueue((ControllerStateCodec.DecodeOnline(payload, 0, payload.Length), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        await observer.ConnectAsync(DeviceConnection.Options(broker.Port, "observer", null, null), Ct);
        await observer.SubscribeAsync(stateTopic, cancellationToken: Ct);

        try
        {
            using (ControllerProcess process = ControllerProcess.Start(
                ["--data-dir", dataDirectory, "--plant", RunningController.Plant, "--urls", $"http://127.0.0.1:{FreePort.Get()}",
                 "--mqtt-mode", "External", "--broker-host", "127.0.0.1", "--broker-port", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await Eventually.TrueAsync(() => states.Any(s => s.Online) || process.HasExited, "the controller's online state");
                Assert.False(process.HasExited, process.Error);

                process.Kill();
                await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }

            // The broker notices the dead connection and publishes the Will: retained offline.
            await Eventually.TrueAsync(() => states.Count >= 2 && !states.Last().Online, "the Will's offline state", TimeSpan.FromSeconds(30));
            using IMqttClient late = new MqttClientFactory().CreateMqttClient();
            var retained = new TaskCompletionSource<bool>();
            late.ApplicationMessageReceivedAsync += e =>
            {
                byte[] payload = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
                retained.TrySetResult(e.ApplicationMessage.Retain && !ControllerStateCodec.DecodeOnline(payload, 0, payload.Length));
                return Task.CompletedTask;
            };
            await late.ConnectAsync(DeviceConnection.Options(broker.Port, "late", null, null), Ct);
            await late.SubscribeAsync(stateTopic, cancellationToken: Ct);
            Assert.True(await retained.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct), "a late subscriber gets the retained offline state");
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Shared_subscriptions_use_the_group_prefix()
    {
        static string[] Filters(string? group) =>
            new ExternalBrokerLink(
                Options.Create(new MqttOptions { Mode = MqttMode.External, External = new ExternalBrokerOptions { SharedSubscriptionGroup = group } }),
                Options.Create(new ControllerOptions { PlantId = "plant-a" }),
                new IngestChannel(Options.Create(new IngestOptions()), TimeProvider.System),
                TimeProvider.System,
                NullLogger<ExternalBrokerLink>.Instance).SubscriptionFilters();

        Assert.Equal(["mw/v1/plant-a/+/frames", "mw/v1/plant-a/+/cmdack", "mw/v1/plant-a/+/status"], Filters(null));
        Assert.Equal(["$share/ingest/mw/v1/plant-a/+/frames", "$share/ingest/mw/v1/plant-a/+/cmdack", "$share/ingest/mw/v1/plant-a/+/status"], Filters("ingest"));
    }
}
