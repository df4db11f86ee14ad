using Microsoft.Extensions.DependencyInjection;
using Millwright.Controller.Devices;
using Millwright.Controller.Ingest;
using Millwright.Controller.Metrics;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Tests.Infrastructure;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Tests.Ingest;

/// <summary>Signed frames from a test publisher over real MQTT into a real controller (embedded broker, real SQLite).</summary>
public sealed class IngestEndToEndTests : IAsyncLifetime
{
    private RunningController _controller = null!;
    private readonly TestDevice _press = new(RunningController.Plant, "press-01");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _controller = await RunningController.StartAsync();
        await _controller.AddAsync(_press);
    }

    public ValueTask DisposeAsync() => _controller.DisposeAsync();

    [Fact]
    public async Task Frames_are_stored_once_and_acked_only_after_commit()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);
        var durableAtAck = new List<(ulong Ack, long Contiguous)>();
        press.Client.ApplicationMessageReceivedAsync += async e =>
        {
            // When an ack arrives, everything it covers must already be committed.
            ulong acked = _press.ReadAck(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)).AckedSequence;
            IReadOnlyList<SequenceWatermark> marks = await _controller.Store.GetWatermarksAsync("press-01", CancellationToken.None);
            lock (durableAtAck)
            {
                durableAtAck.Add((acked, marks.Single().ContiguousSequence));
            }
        };
        DateTimeOffset now = DateTimeOffset.UtcNow;

        for (int seq = 1; seq <= 50; seq++)
        {
            await press.PublishFrameAsync(seq, now.AddSeconds(seq));
        }

        await press.WaitForAckAsync(50);
        Assert.Equal(50, await _controller.Store.CountFramesAsync(Ct));
        lock (durableAtAck)
        {
            Assert.All(durableAtAck, a => Assert.True(a.Contiguous >= (long)a.Ack, $"ack {a.Ack} arrived while only {a.Contiguous} was durable"));
        }

        ReadingsPage readings = await _controller.Store.GetReadingsAsync(new ReadingsQuery("press-01", 0, long.MaxValue, 1000) { ChannelId = 2 }, Ct);
        Assert.Equal(50, readings.Items.Count);
        Assert.Equal(7.1f, readings.Items.Single(r => r.Sequence == 7).Value);
    }

    [Fact]
    public async Task A_resent_frame_is_acked_again_and_not_stored_twice()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var frames = Enumerable.Range(1, 5).Select(seq => _press.Frame(seq, now)).ToArray();
        foreach (byte[] frame in frames)
        {
            await press.PublishAsync(_press.FramesTopic, frame);
        }

        await press.WaitForAckAsync(5);
        int acksBefore = press.Acks.Count;

        await press.PublishAsync(_press.FramesTopic, frames[2]);
        await press.PublishAsync(_press.FramesTopic, frames[4]);

        // One ack per device per batch: the two re-sends may share one.
        await Eventually.TrueAsync(() => Metrics().Split('\n').Contains("millwright_frames_duplicate_total 2"), "both re-sends seen as duplicates");
        await Eventually.TrueAsync(() => press.Acks.Count > acksBefore, "an ack for the re-sent frames");
        Assert.All(press.Acks.Skip(acksBefore), a => Assert.Equal(5UL, a));
        Assert.Equal(5, await _controller.Store.CountFramesAsync(Ct));
        Assert.Empty((await _controller.Store.GetQuarantineAsync(new QuarantineQuery(10), Ct)).Items);
    }

    [Fact]
    public async Task A_hole_stops_the_ack_until_filled_and_a_gap_record_covers_a_loss()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);
        DateTimeOffset now = DateTimeOffset.UtcNow;

        await press.PublishFrameAsync(1, now);
        await press.PublishFrameAsync(2, now);
        await press.PublishFrameAsync(4, now);
        await Eventually.TrueAsync(async () => await _controller.Store.CountFramesAsync(Ct) == 3, "frames 1, 2 and 4 stored");
        await press.WaitForAckAsync(2);
        Assert.Equal(2UL, press.HighestAck);
        DeviceGaps gaps = await _controller.Store.GetGapsAsync("press-01", Ct);
        Assert.Equal(new SequenceGap("press-01", 1, 3, 3), Assert.Single(gaps.Open));

        await press.PublishFrameAsync(3, now);
        await press.WaitForAckAsync(4);

        // Frames 5..6 were dropped by the device's outbox; its gap record (seq 7) says so, signed.
        await press.PublishAsync(_press.FramesTopic, _press.Gap(7, 5, 6, now));
        await press.WaitForAckAsync(7);
        gaps = await _controller.Store.GetGapsAsync("press-01", Ct);
        Assert.Empty(gaps.Open);
        DeclaredLoss loss = Assert.Single(gaps.Declared);
        Assert.Equal((5L, 6L), (loss.FirstDropped, loss.LastDropped));
    }

    [Fact]
    public async Task Every_rejection_lands_in_quarantine_with_its_reason()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await press.PublishFrameAsync(1, now);
        await press.WaitForAckAsync(1);

        var sent = new List<(QuarantineReason Reason, string Topic, byte[] Payload)>
        {
            (QuarantineReason.BadCbor, _press.FramesTopic, [0xff, 0xfe, 0x01]),
            (QuarantineReason.BadCose, _press.FramesTopic, TestDevice.BareCborMap()),
            (QuarantineReason.BadMac, _press.FramesTopic, _press.ForgedFrame(2, now)),
            (QuarantineReason.UnknownKey, _press.FramesTopic, new TestDevice(RunningController.Plant, "press-01").Frame(2, now)),
            (QuarantineReason.TopicMismatch, _press.FramesTopic, _press.Frame(2, now, payloadDeviceId: "mixer-01")),
            (QuarantineReason.TopicMismatch, _press.FramesTopic, _press.Status(true, now)),
            (QuarantineReason.Replay, _press.FramesTopic, _press.Frame(1, now.AddSeconds(1))),
            (QuarantineReason.ClockSkew, _press.FramesTopic, _press.Frame(2, now.AddHours(1))),
            (QuarantineReason.Oversize, _press.FramesTopic, new byte[3000]),
            (QuarantineReason.InvalidMessage, _press.FramesTopic, _press.Frame(0, now)),
        };
        foreach ((_, string topic, byte[] payload) in sent)
        {
            await press.PublishAsync(topic, payload);
        }

        // Unknown and disabled devices cannot log in to the embedded broker; through an external broker their
        // messages would arrive, so they go in where the broker hands messages over.
        var stranger = new TestDevice(RunningController.Plant, "stranger-01");
        var disabled = new TestDevice(RunningController.Plant, "off-01");
        await _controller.AddAsync(disabled);
        await _controller.Registry.SetEnabledAsync("off-01", false, Ct);
        IngestChannel channel = _controller.Services.GetRequiredService<IngestChannel>();
        await channel.EnqueueAsync(stranger.FramesTopic, stranger.Frame(1, now), Ct);
        await channel.EnqueueAsync(disabled.FramesTopic, disabled.Frame(1, now), Ct);
        sent.Add((QuarantineReason.UnknownDevice, stranger.FramesTopic, stranger.Frame(1, now)));
        sent.Add((QuarantineReason.Disabled, disabled.FramesTopic, disabled.Frame(1, now)));

        IReadOnlyList<QuarantineRecord> quarantined = [];
        await Eventually.TrueAsync(async () =>
        {
            quarantined = (await _controller.Store.GetQuarantineAsync(new QuarantineQuery(100), Ct)).Items;
            return quarantined.Count >= sent.Count;
        }, $"{sent.Count} quarantined messages");

        Assert.Equal(sent.Count, quarantined.Count);
        foreach (IGrouping<QuarantineReason, (QuarantineReason Reason, string Topic, byte[] Payload)> group in sent.GroupBy(s => s.Reason))
        {
            Assert.Equal(group.Count(), quarantined.Count(q => q.Reason == group.Key));
        }

        QuarantineRecord badMac = quarantined.Single(q => q.Reason == QuarantineReason.BadMac);
        Assert.Equal(_press.FramesTopic, badMac.Topic);
        Assert.Equal("press-01", badMac.DeviceId);
        Assert.Equal(sent.Single(s => s.Reason == QuarantineReason.BadMac).Payload, badMac.RawMessage);
        Assert.Equal(1, await _controller.Store.CountFramesAsync(Ct));
        string[] metrics = Metrics().Split('\n');
        Assert.Contains("millwright_frames_rejected_total{reason=\"bad-mac\"} 1", metrics);
        Assert.Contains("millwright_frames_rejected_total{reason=\"topic-mismatch\"} 2", metrics);
        Assert.Contains("millwright_frames_rejected_total{reason=\"replay\"} 1", metrics);
    }

    [Fact]
    public async Task A_rotated_key_is_accepted_below_its_cut_over_and_acks_are_signed_with_the_key_the_device_uses()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await press.PublishFrameAsync(1, now);
        await press.WaitForAckAsync(1);

        IssuedSecret rotated = await _controller.Registry.RotateKeyAsync("press-01", margin: 5, Ct);
        long cutOver = rotated.CutOverSequence!.Value;

        // Old key, below the cut-over: accepted, and the ack is verifiable with the old key (ReadAck checks it).
        await press.PublishFrameAsync(2, now);
        await press.WaitForAckAsync(2);
        // Old key at the cut-over: refused.
        await press.PublishFrameAsync(cutOver, now);
        await Eventually.TrueAsync(async () => (await _controller.Store.GetQuarantineAsync(new QuarantineQuery(10) { Reason = QuarantineReason.KeyRetired }, Ct)).Items.Count == 1, "key-retired quarantine");

        // The re-provisioned device signs with the new key and keeps counting.
        var renewed = new TestDevice(RunningController.Plant, "press-01", rotated.Secret);
        await using DeviceConnection renewedConnection = await DeviceConnection.ConnectAsync(renewed, _controller.MqttPort);
        await renewedConnection.PublishFrameAsync(3, now);
        await renewedConnection.WaitForAckAsync(3);
        Assert.Equal(3, await _controller.Store.CountFramesAsync(Ct));
    }

    [Fact]
    public async Task A_replacement_node_restarts_its_sequence_without_being_taken_for_a_replay()
    {
        await using (DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort))
        {
            await press.PublishFrameAsync(1, DateTimeOffset.UtcNow);
            await press.WaitForAckAsync(1);
        }

        IssuedSecret replacement = await _controller.Registry.ReplaceAsync("press-01", null, Ct);
        var newNode = new TestDevice(RunningController.Plant, "press-01", replacement.Secret);
        await using DeviceConnection connection = await DeviceConnection.ConnectAsync(newNode, _controller.MqttPort);
        await connection.PublishFrameAsync(1, DateTimeOffset.UtcNow);

        await connection.WaitForAckAsync(1);
        Assert.Equal(2, await _controller.Store.CountFramesAsync(Ct));
        Assert.Empty((await _controller.Store.GetQuarantineAsync(new QuarantineQuery(10), Ct)).Items);
    }

    [Fact]
    public async Task Status_updates_the_device_health_and_a_command_result_is_taken()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);

        await press.PublishAsync(_press.StatusTopic, _press.Status(online: true, DateTimeOffset.UtcNow), retain: true);
        await press.PublishAsync(_press.CommandResultTopic, _press.CommandResult(1, DateTimeOffset.UtcNow));

        await Eventually.TrueAsync(async () => (await _controller.Store.GetDeviceOverviewAsync("press-01", Ct))?.Health is not null, "device health");
        DeviceHealth health = (await _controller.Store.GetDeviceOverviewAsync("press-01", Ct))!.Health!;
        Assert.True(health.Online);
        Assert.Equal("1.0.0-test", health.FirmwareVersion);
        Assert.Equal(3UL, health.OutboxDepth);
    }

    [Fact]
    public async Task The_will_arrives_as_base64_text_and_marks_the_device_offline_although_signed_before_the_birth()
    {
        await using DeviceConnection press = await DeviceConnection.ConnectAsync(_press, _controller.MqttPort);
        DateTimeOffset connectedAt = DateTimeOffset.UtcNow;
        byte[] death = _press.Status(online: false, connectedAt); // signed at connect time, as the firmware does
        byte[] birth = _press.Status(online: true, connectedAt.AddSeconds(1));

        await press.PublishAsync(_press.StatusTopic, birth, retain: true);
        await Eventually.TrueAsync(async () => (await _controller.Store.GetDeviceOverviewAsync("press-01", Ct))?.Health?.Online == true, "birth");

        await press.PublishAsync(_press.StatusTopic, WillText.Encode(death, 0, death.Length), retain: true);
        await Eventually.TrueAsync(async () => (await _controller.Store.GetDeviceOverviewAsync("press-01", Ct))?.Health?.Online == false, "death from the will");
        Assert.Empty((await _controller.Store.GetQuarantineAsync(new QuarantineQuery(10), Ct)).Items);
    }

    [Fact]
    public async Task Many_devices_in_parallel_are_each_stored_completely()
    {
        const int Devices = 20;
        const int Frames = 100;
        var devices = Enumerable.Range(1, Devices).Select(i => new TestDevice(RunningController.Plant, $"node-{i:D2}")).ToList();
        foreach (TestDevice device in devices)
        {
            await _controller.AddAsync(device);
        }

        DeviceConnection[] connections = await Task.WhenAll(devices.Select(d => DeviceConnection.ConnectAsync(d, _controller.MqttPort)));
        try
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            await Task.WhenAll(connections.Select(async c =>
            {
                for (int seq = 1; seq <= Frames; seq++)
                {
                    await c.PublishFrameAsync(seq, now);
                }
            }));
            await Task.WhenAll(connections.Select(c => c.WaitForAckAsync(Frames)));
        }
        finally
        {
            foreach (DeviceConnection connection in connections)
            {
                await connection.DisposeAsync();
            }
        }

        Assert.Equal(Devices * Frames, await _controller.Store.CountFramesAsync(Ct));
    }

    private string Metrics() => _controller.Services.GetRequiredService<PrometheusTextExporter>().Render();
}
